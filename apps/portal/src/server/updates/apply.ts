// environments.update: applies a reviewed plan, and only if it still describes what would happen: made by
// this user, not replaced by a newer review, not expired, and no other operation since. The update then
// runs like any operation: the engine executes the plan's change set, the tracker follows it.
import "server-only";
import type { PrismaClient, UpdatePlan } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { specDiff } from "../audit/spec-diff";
import type { SessionUser } from "../auth/roles";
import { fieldError } from "../field-errors";
import { type OperationStarter, startOperation } from "../operations/hand-over";
import { assertLive, newestOperationId } from "./checks";
import type { applyUpdateInput } from "./inputs";

export interface AppliedUpdate {
  environmentId: string;
  operationId: string;
}

const again = "review the update again";

export async function applyUpdate(
  prisma: PrismaClient,
  input: z.output<typeof applyUpdateInput>,
  starter: OperationStarter | undefined,
  user: SessionUser | null | undefined,
): Promise<AppliedUpdate> {
  const plan = await prisma.updatePlan.findUnique({
    where: { id: input.planId },
    include: { environment: true },
  });
  if (plan?.environmentId !== input.id) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `There is no such plan for this environment; ${again}.`,
    });
  }
  if (user && plan.requestedById !== user.id) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This plan was reviewed by another user; review the update yourself before applying it.",
    });
  }
  // A retried request (double click, network retry) gets the operation the first one started.
  if (plan.status === "applied") return { environmentId: plan.environmentId, operationId: plan.id };
  await assertStillValid(prisma, plan, input.acknowledgeDataLoss === true);
  const claimed = await recordUpdateOperation(prisma, plan).then(
    () => true,
    async (error: unknown) => {
      // The same Apply sent twice at once: the other request claimed the plan and started it.
      if ((await prisma.updatePlan.findUnique({ where: { id: plan.id } }))?.status === "applied")
        return false;
      throw error;
    },
  );
  if (claimed) await startOperation(starter, plan.id);
  return { environmentId: plan.environmentId, operationId: plan.id };
}

async function assertStillValid(
  prisma: PrismaClient,
  plan: UpdatePlan & { environment: Parameters<typeof assertLive>[0] },
  acknowledged: boolean,
): Promise<void> {
  if (plan.status === "discarded") {
    throw new TRPCError({
      code: "CONFLICT",
      message: "A newer review of this environment replaced this plan.",
    });
  }
  if (plan.expiresAt.getTime() < Date.now()) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This plan expired (plans last 30 minutes); ${again}.`,
    });
  }
  assertLive(plan.environment);
  if ((await newestOperationId(prisma, plan.environmentId)) !== plan.baseOperationId) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This plan is stale: another operation ran on the environment since it was made; ${again}.`,
    });
  }
  if ((plan.changes as unknown[]).length === 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "This plan changes nothing; there is nothing to apply.",
    });
  }
  if ((plan.dataLossWarnings as unknown[]).length > 0 && !acknowledged) {
    throw fieldError(
      "BAD_REQUEST",
      [
        {
          path: "acknowledgeDataLoss",
          message: "this update replaces or removes the database; acknowledge the data loss to apply it",
        },
      ],
      "This update replaces or removes the database; acknowledge the data loss to apply it.",
    );
  }
}

/** Plan applied, environment updating, operation pending: together, or not at all (races lose here). */
async function recordUpdateOperation(prisma: PrismaClient, plan: UpdatePlan): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.updatePlan.updateMany({
      where: { id: plan.id, status: "open" },
      data: { status: "applied" },
    });
    const environment = await tx.environment.updateMany({
      where: { id: plan.environmentId, status: "live" },
      data: { status: "updating" },
    });
    if (claimed.count === 0 || environment.count === 0) {
      throw new TRPCError({ code: "CONFLICT", message: `The environment changed meanwhile; ${again}.` });
    }
    await tx.operation.create({
      data: {
        id: plan.id,
        environmentId: plan.environmentId,
        kind: "update",
        status: "pending",
        specSnapshot: plan.specSnapshot as object,
        clientRequestToken: plan.clientRequestToken,
        changeSetId: plan.changeSetId,
      },
    });
  });
}

/** The audit entry's detail: the plan, the spec diff it applies and whether data loss was acknowledged. */
export async function updateAuditDetail(
  prisma: PrismaClient,
  input: z.output<typeof applyUpdateInput>,
): Promise<Record<string, unknown>> {
  const plan = await prisma.updatePlan.findUnique({
    where: { id: input.planId },
    include: { environment: { select: { spec: true } } },
  });
  if (!plan) return { planId: input.planId };
  return {
    planId: plan.id,
    changeSetId: plan.changeSetId,
    changes: specDiff(plan.environment.spec, plan.specSnapshot),
    dataLossWarnings: plan.dataLossWarnings,
    acknowledgeDataLoss: input.acknowledgeDataLoss === true,
  };
}
