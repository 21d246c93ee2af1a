// Stored probes: one row per probe, "running" while it walks the hops, then pass/fail with every hop's
// result. One probe per environment runs at a time; only the newest KEEP_PER_ENVIRONMENT are kept.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { type HopResult, summarise } from "./hops";

const KEEP_PER_ENVIRONMENT = 50;
/** A probe ends within its deadline; a "running" row older than this was left by a stopped process. */
const STALE_RUNNING_MS = 60_000;

export class ProbeAlreadyRunning extends Error {
  constructor(readonly startedAt: Date) {
    super("a readiness probe of this environment is already running");
    this.name = "ProbeAlreadyRunning";
  }
}

export interface ProbeStart {
  environmentId: string;
  trigger: "operation" | "manual";
  operationId?: string | null;
}

/** Records a running probe, unless one is already running for the environment (checked under a row lock). */
export async function beginProbe(prisma: PrismaClient, start: ProbeStart): Promise<string> {
  const staleBefore = new Date(Date.now() - STALE_RUNNING_MS);
  return prisma.$transaction(async (tx) => {
    // Serialises concurrent requests for the same environment, across portal processes too.
    await tx.$queryRaw`SELECT id FROM environments WHERE id = ${start.environmentId} FOR UPDATE`;
    await tx.readinessProbe.updateMany({
      where: { environmentId: start.environmentId, status: "running", startedAt: { lt: staleBefore } },
      data: { status: "fail", finishedAt: new Date() },
    });
    const running = await tx.readinessProbe.findFirst({
      where: { environmentId: start.environmentId, status: "running" },
      select: { startedAt: true },
    });
    if (running) throw new ProbeAlreadyRunning(running.startedAt);
    const created = await tx.readinessProbe.create({
      data: {
        environmentId: start.environmentId,
        trigger: start.trigger,
        operationId: start.operationId ?? null,
      },
      select: { id: true },
    });
    return created.id;
  });
}

export async function finishProbe(prisma: PrismaClient, id: string, hops: HopResult[]): Promise<void> {
  const summary = summarise(hops);
  const probe = await prisma.readinessProbe.update({
    where: { id },
    data: {
      status: summary.status,
      failingHop: summary.failingHop,
      hops: hops as object[],
      finishedAt: new Date(),
    },
    select: { environmentId: true },
  });
  await pruneOld(prisma, probe.environmentId);
}

async function pruneOld(prisma: PrismaClient, environmentId: string): Promise<void> {
  const old = await prisma.readinessProbe.findMany({
    where: { environmentId },
    orderBy: { startedAt: "desc" },
    skip: KEEP_PER_ENVIRONMENT,
    select: { id: true },
  });
  if (old.length > 0) await prisma.readinessProbe.deleteMany({ where: { id: { in: old.map((p) => p.id) } } });
}
