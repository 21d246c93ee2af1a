// Launch of the default spec on the local sandbox through the portal's own path (launchEnvironment ->
// deploy engine -> local driver -> tracker -> events.onEvents), timed as a browser watching the
// dashboard sees it; then the environment is deleted the same way, so each run starts from nothing.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { defaultSpec } from "@stackyard/templates";
import { deleteEnvironment } from "../src/server/environments/delete";
import { launchEnvironment } from "../src/server/environments/launch";
import type { Harness } from "./harness";
import { eventKey, sseWatcher } from "./watchers";

export interface LaunchRun {
  name: string;
  firstEventMs: number;
  completeMs: number;
  deleteMs: number;
  events: number;
}

const TIMEOUT_MS = 180_000;

async function operationFinished(harness: Harness, operationId: string) {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    const operation = await harness.prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    if (!["pending", "running"].includes(operation.status)) return operation;
    if (performance.now() > deadline) throw new Error(`operation ${operationId} still ${operation.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function launchOnce(harness: Harness, run: number): Promise<LaunchRun> {
  const name = `bench-launch-${Date.now().toString(36)}-${run}`;
  const started = performance.now();
  const { environmentId, operationId } = await launchEnvironment(
    harness.prisma,
    { target: "local", spec: { ...defaultSpec(), name }, clientRequestToken: randomUUID() },
    harness.engine,
    harness.userId,
  );
  const browser = sseWatcher(harness.session, environmentId);
  const launched = await operationFinished(harness, operationId);
  const complete = eventKey({ logicalResourceId: name, resourceStatus: "CREATE_COMPLETE" });
  const deadline = performance.now() + 10_000;
  while (!browser.seen.has(complete) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await browser.stop();
  if (launched.status !== "succeeded" || !browser.seen.has(complete)) {
    throw new Error(
      `launch ${name} ended ${launched.status}: ${launched.errorMessage ?? "no stack CREATE_COMPLETE seen"}`,
    );
  }
  const seenAt = [...browser.seen.values()];
  const deleteStarted = performance.now();
  const removal = await deleteEnvironment(harness.prisma, environmentId, harness.engine);
  if (removal.removedDraft) throw new Error(`${name} was still a draft`);
  const deleted = await operationFinished(harness, removal.operationId);
  if (deleted.status !== "succeeded")
    throw new Error(`delete of ${name} ended ${deleted.status}: ${deleted.errorMessage}`);
  return {
    name,
    firstEventMs: Math.min(...seenAt) - started,
    completeMs: (browser.seen.get(complete) as number) - started,
    deleteMs: performance.now() - deleteStarted,
    events: seenAt.length,
  };
}
