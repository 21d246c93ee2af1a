// environments.planUpdate: validate the new spec, prepare the change on the target (a change set on AWS,
// the local sandbox's equivalent) and store what the user reviews, so that applying it executes exactly
// that. Nothing changes on the target until environments.update applies the plan.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Environment, PrismaClient } from "@stackyard/db";
import type { PreparedChange } from "@stackyard/deploy";
import { type EnvironmentSpec, estimateMonthlyCost, resolveSpec } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { type SpecChange, specDiff } from "../audit/spec-diff";
import { parseSpecOrThrow } from "../field-errors";
import { assertSameStack, assertTemplatePasses, loadLiveEnvironment, newestOperationId } from "./checks";
import type { planUpdateInput } from "./inputs";
import { dataLossWarnings, type PlannedChange, withPredictions } from "./predictions";

/** Long enough to read the review; short enough that the stack is unlikely to have drifted meanwhile. */
const PLAN_TTL_MS = 30 * 60_000;

/** Prepares an update without starting it (the deploy engine implements this). */
export interface UpdatePreparer {
  prepareUpdate(
    environment: Environment,
    spec: EnvironmentSpec,
    ids: { id: string; clientRequestToken: string },
    options?: { refreshAmi?: boolean },
  ): Promise<PreparedChange>;
  /** Drops the change set of a replaced review (optional: the local sandbox has none). */
  discardPrepared?(environment: Environment, changeSetId: string): Promise<void>;
}

export interface UpdatePlanView {
  planId: string;
  changeSetId: string | null;
  /** The target's changes, each with what AWS would replace (predicted offline) and what it costs. */
  changes: PlannedChange[];
  /** Non-empty when the database is replaced or removed on AWS: applying then needs acknowledgeDataLoss. */
  dataLossWarnings: string[];
  /** What the user changed in the spec, field by field. */
  specChanges: SpecChange[];
  costBeforeUsd: number;
  costAfterUsd: number;
  expiresAt: Date;
}

export async function planUpdate(
  prisma: PrismaClient,
  input: z.output<typeof planUpdateInput>,
  preparer: Partial<UpdatePreparer> | undefined,
  requestedById: string | null,
): Promise<UpdatePlanView> {
  const environment = await loadLiveEnvironment(prisma, input.id);
  const spec = parseSpecOrThrow(input.spec);
  assertSameStack(environment, spec);
  assertTemplatePasses(spec);
  if (!preparer?.prepareUpdate) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The deploy engine is not running" });
  }
  const ids = { id: randomUUID(), clientRequestToken: randomUUID() };
  const baseOperationId = await newestOperationId(prisma, environment.id);
  const prepared = await prepareOrExplain(preparer as UpdatePreparer, environment, spec, ids, {
    refreshAmi: input.refreshAmi === true,
  });
  const current = resolveSpec(environment.spec);
  const changes = withPredictions(prepared.changes, current, spec, environment.target);
  const plan = {
    ...ids,
    environmentId: environment.id,
    requestedById,
    specSnapshot: spec as object,
    changeSetId: prepared.changeSetId ?? null,
    changes: changes as object[],
    dataLossWarnings: dataLossWarnings(changes, environment.target),
    costBeforeUsd: estimateMonthlyCost(current).totalMonthlyUsd,
    costAfterUsd: estimateMonthlyCost(spec).totalMonthlyUsd,
    baseOperationId,
    expiresAt: new Date(Date.now() + PLAN_TTL_MS),
  };
  // One open plan per environment: reviewing again replaces the previous review (and its change set).
  const replaced = await prisma.updatePlan.findMany({
    where: { environmentId: environment.id, status: "open", changeSetId: { not: null } },
    select: { changeSetId: true },
  });
  await prisma.$transaction([
    prisma.updatePlan.updateMany({
      where: { environmentId: environment.id, status: "open" },
      data: { status: "discarded" },
    }),
    prisma.updatePlan.create({ data: plan }),
  ]);
  for (const { changeSetId } of replaced)
    if (changeSetId) void preparer.discardPrepared?.(environment, changeSetId);
  return {
    planId: plan.id,
    changeSetId: plan.changeSetId,
    changes,
    dataLossWarnings: plan.dataLossWarnings,
    specChanges: specDiff(environment.spec, spec),
    costBeforeUsd: plan.costBeforeUsd,
    costAfterUsd: plan.costAfterUsd,
    expiresAt: plan.expiresAt,
  };
}

async function prepareOrExplain(
  preparer: UpdatePreparer,
  environment: Environment,
  spec: EnvironmentSpec,
  ids: { id: string; clientRequestToken: string },
  options: { refreshAmi: boolean },
): Promise<PreparedChange> {
  try {
    return await preparer.prepareUpdate(environment, spec, ids, options);
  } catch (error) {
    // The drivers' messages are written for users (DeployError) or are the target's own words.
    const reason = error instanceof Error ? error.message : String(error);
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `The ${environment.target === "aws" ? "AWS" : "local sandbox"} target could not prepare the update: ${reason}`,
      cause: error,
    });
  }
}
