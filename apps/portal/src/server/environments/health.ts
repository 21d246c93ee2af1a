// environments.health: the environment's health per tier through the target's `health` capability (ECS,
// ELBv2, EC2 and RDS describe calls on AWS; the processes locally). Every dashboard and list open on an
// environment asks every 30 s: reads are shared (one read in flight per environment) and kept for a few
// seconds in this process, so the describe calls follow the clock, not the number of viewers.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { DeployError, type DeployTarget, type EnvironmentHealth, stackRefOf } from "@stackyard/deploy";
import { TRPCError } from "@trpc/server";
import { driverFor as defaultDriverFor } from "../deploy-drivers";
import { SingleFlight } from "../single-flight";
import type { DriverFor } from "./logs";

export type HealthView =
  | { environmentId: string; health: EnvironmentHealth; unavailable: null }
  | { environmentId: string; health: null; unavailable: string };

/**
 * A read younger than this answers every viewer's 30 s refetch. "Refresh" always reads again (joining a read
 * already in flight): after "kill a task" a person expects to see it now, not a read from before.
 */
const HEALTH_CACHE_MS = 10_000;
const REFRESH_MS = 0;

const reads = new SingleFlight<EnvironmentHealth | null>();
const recent = new Map<string, { at: number; health: EnvironmentHealth | null }>();

export async function environmentHealth(
  prisma: PrismaClient,
  id: string,
  options: { refresh?: boolean; driverFor?: DriverFor; now?: () => number } = {},
): Promise<HealthView> {
  const environment = await prisma.environment.findUnique({
    where: { id },
    select: { id: true, name: true, stackId: true, target: true, region: true, status: true },
  });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  // During an update too: its deployment in progress and its tasks are what one wants to watch then.
  if (environment.status !== "live" && environment.status !== "updating") {
    return { environmentId: id, health: null, unavailable: `This environment is ${environment.status}` };
  }
  const driverFor = options.driverFor ?? defaultDriverFor;
  const reader = driverFor(environment.target as DeployTarget, environment.region).health;
  if (!reader) return { environmentId: id, health: null, unavailable: "This target does not report health" };
  const key = `${id}:${environment.stackId ?? ""}`;
  const now = options.now ?? Date.now;
  const maxAge = options.refresh ? REFRESH_MS : HEALTH_CACHE_MS;
  const cached = recent.get(key);
  let health: EnvironmentHealth | null;
  const age = cached ? now() - cached.at : Number.POSITIVE_INFINITY;
  // A read from "the future" (another clock) is not trusted either.
  if (cached && age >= 0 && age < maxAge) {
    health = cached.health;
  } else {
    health = await reads.run(key, () => read(() => reader.read(stackRefOf(environment))));
    recent.set(key, { at: now(), health });
  }
  if (!health)
    return { environmentId: id, health: null, unavailable: "The environment's stack no longer exists" };
  return { environmentId: id, health, unavailable: null };
}

async function read(load: () => Promise<EnvironmentHealth | null>): Promise<EnvironmentHealth | null> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    // The drivers' messages are written for users (no credentials, access denied, throttled).
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Health: ${error.message}`, cause: error });
  }
}
