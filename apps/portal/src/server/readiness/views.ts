// What the browser gets for a stored probe.
import "server-only";
import type { PrismaClient, ReadinessProbe } from "@stackyard/db";
import { HOP_ORDER, type HopName, type HopResult } from "./hops";

export interface ProbeView {
  id: string;
  trigger: "operation" | "manual";
  operationId: string | null;
  status: "running" | "pass" | "fail";
  failingHop: HopName | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Empty while running, and for a probe interrupted by a stopped portal process. */
  hops: HopResult[];
}

function toProbeView(row: ReadinessProbe): ProbeView {
  return {
    id: row.id,
    trigger: row.trigger,
    operationId: row.operationId,
    status: row.status,
    failingHop: isHopName(row.failingHop) ? row.failingHop : null,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    hops: Array.isArray(row.hops) ? (row.hops as unknown as HopResult[]) : [],
  };
}

const isHopName = (value: string | null): value is HopName => HOP_ORDER.includes(value as HopName);

export async function listProbes(
  prisma: PrismaClient,
  environmentId: string,
  take = 20,
): Promise<ProbeView[]> {
  const rows = await prisma.readinessProbe.findMany({
    where: { environmentId },
    orderBy: { startedAt: "desc" },
    take,
  });
  return rows.map(toProbeView);
}
