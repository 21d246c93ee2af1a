// What an environment must be for an update to be planned or applied: live, with nothing running, and
// the same stack (name, region and target are its identity: changing them would be a new environment).
import "server-only";
import type { Environment, PrismaClient } from "@stackyard/db";
import { checkTemplate, type EnvironmentSpec, renderTemplate } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import { fieldError } from "../field-errors";

const RUNNING = new Set(["pending", "creating", "updating", "deleting"]);

export async function loadLiveEnvironment(prisma: PrismaClient, id: string): Promise<Environment> {
  const environment = await prisma.environment.findUnique({ where: { id } });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  assertLive(environment);
  const running = await prisma.operation.findFirst({
    where: { environmentId: id, status: { in: ["pending", "running"] } },
    select: { kind: true },
  });
  if (running) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `An operation (${running.kind}) is running on ${environment.name}; wait until it finishes, then review the update again.`,
    });
  }
  return environment;
}

export function assertLive(environment: Environment): void {
  if (environment.status === "live") return;
  const why = RUNNING.has(environment.status)
    ? `an operation is running (${environment.status}); wait until it finishes`
    : `it is ${environment.status}; only a live environment can be updated`;
  throw new TRPCError({ code: "CONFLICT", message: `${environment.name} cannot be updated now: ${why}.` });
}

export function assertSameStack(environment: Environment, spec: EnvironmentSpec): void {
  const errors = [];
  if (spec.name !== environment.name) {
    errors.push({ path: "name", message: `the name is the stack's name and stays ${environment.name}` });
  }
  if (spec.region !== environment.region) {
    errors.push({
      path: "region",
      message: `an environment cannot move; the region stays ${environment.region}`,
    });
  }
  if (errors.length > 0) throw fieldError("BAD_REQUEST", errors, "The name and region cannot change");
}

/** A template that fails its own checks must not reach the target (the same rule as launch). */
export function assertTemplatePasses(spec: EnvironmentSpec): void {
  const blocking = checkTemplate(renderTemplate(spec).template).filter((f) => f.severity === "error");
  if (blocking.length > 0) {
    throw fieldError(
      "BAD_REQUEST",
      blocking.map((f) => ({ path: f.specField ?? "", message: f.message })),
      "The template fails its checks",
    );
  }
}

/** The environment's newest operation: a plan is stale once another one has been recorded. */
export async function newestOperationId(prisma: PrismaClient, environmentId: string): Promise<string | null> {
  const newest = await prisma.operation.findFirst({
    where: { environmentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return newest?.id ?? null;
}
