// Probing one environment: checks it can be probed, records the probe, walks the hops, stores the
// result. Reads the environment only; never changes its status or its stack.

import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { errorText, logger } from "../logger";
import type { HopResult } from "./hops";
import { type ProbeOptions, runProbe } from "./probe";
import { beginProbe, finishProbe, type ProbeStart } from "./store";
import { probeTargetOf } from "./target";
import { listProbes, type ProbeView } from "./views";

/** Why an environment cannot be probed now, in words for the user. */
export class ProbeNotPossible extends Error {
  constructor(
    message: string,
    readonly reason: "not-found" | "not-live",
  ) {
    super(message);
    this.name = "ProbeNotPossible";
  }
}

export async function probeEnvironment(
  prisma: PrismaClient,
  start: ProbeStart,
  options: ProbeOptions = {},
): Promise<ProbeView> {
  const environment = await prisma.environment.findUnique({
    where: { id: start.environmentId },
    select: { status: true, target: true, spec: true, outputs: true },
  });
  if (!environment) throw new ProbeNotPossible("No environment with that id", "not-found");
  if (environment.status !== "live") {
    throw new ProbeNotPossible(
      `Only a live environment can be probed; this one is ${environment.status}.`,
      "not-live",
    );
  }
  const target = probeTargetOf(environment);
  if (!target.ok) throw new ProbeNotPossible(`Cannot probe: ${target.reason}.`, "not-live");
  const id = await beginProbe(prisma, start);
  let hops: HopResult[] = [];
  try {
    hops = await runProbe(target.target, options);
  } finally {
    // Also on an unexpected error: the row must not stay "running" and block the next probe.
    await finishProbe(prisma, id, hops);
  }
  const [latest] = await listProbes(prisma, start.environmentId, 1);
  if (!latest) throw new Error("the probe just stored is gone");
  return latest;
}

/**
 * After an operation finished: when it was a create or update that succeeded, probe in the background. Never throws and never touches the
 * operation or the environment; a failure is only logged.
 */
export function probeAfterOperation(prisma: PrismaClient, operationId: string): void {
  let environmentId: string | undefined;
  void (async () => {
    const operation = await prisma.operation.findUnique({
      where: { id: operationId },
      select: { kind: true, status: true, environmentId: true },
    });
    if (!operation || operation.kind === "delete" || operation.status !== "succeeded") return;
    environmentId = operation.environmentId;
    await probeEnvironment(prisma, { environmentId, trigger: "operation", operationId });
  })().catch((error) => {
    const level = error instanceof ProbeNotPossible ? "info" : "error";
    logger[level]({ environmentId, operationId, error: errorText(error) }, "readiness probe after operation");
  });
}
