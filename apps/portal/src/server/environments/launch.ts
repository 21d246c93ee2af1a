// Launch: validate the whole spec with the shared schema, then record the environment and its first
// operation (pending) in one transaction, and hand the operation to the deploy engine.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { estimateMonthlyCost } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { currentAwsIdentity } from "../aws-identity";
import { fieldError, parseSpecOrThrow } from "../field-errors";
import { type OperationStarter, startOperation } from "../operations/hand-over";
import { assertTemplatePasses } from "../updates/checks";
import { checkExpiry } from "./expiry";
import type { launchInput } from "./inputs";
import { isUniqueViolation, nameTaken } from "./name-conflict";

export interface LaunchResult {
  environmentId: string;
  operationId: string;
}

export async function launchEnvironment(
  prisma: PrismaClient,
  input: z.output<typeof launchInput>,
  starter?: OperationStarter,
  /** The signed-in deployer or admin, who becomes the environment's owner. */
  ownerId?: string | null,
): Promise<LaunchResult> {
  const spec = parseSpecOrThrow(input.spec);
  const expiresAt = input.expiresAt ? checkExpiry(input.expiresAt) : undefined;
  // A template that fails its own checks (e.g. a broken reference) must not reach CloudFormation either.
  assertTemplatePasses(spec);
  if (input.target === "aws") {
    const identity = await currentAwsIdentity();
    if (!identity.available) throw fieldError("BAD_REQUEST", [{ path: "target", message: identity.reason }]);
  }
  const columns = {
    name: spec.name,
    region: spec.region,
    target: input.target,
    spec: spec as object,
    monthlyCostUsd: estimateMonthlyCost(spec).totalMonthlyUsd,
    ...(ownerId ? { ownerId } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  };
  const recorded = await recordLaunchRetryingOnce(prisma, input, columns, ownerId);
  if (!recorded.repeated) await startOperation(starter, recorded.result.operationId);
  return recorded.result;
}

type LaunchColumns = {
  name: string;
  region: string;
  target: "local" | "aws";
  spec: object;
  monthlyCostUsd: number;
  ownerId?: string;
  expiresAt?: Date;
};

interface RecordedLaunch {
  result: LaunchResult;
  /** The same request (clientRequestToken) was recorded before: nothing new to start. */
  repeated: boolean;
}

/**
 * A unique-index error means another write committed meanwhile: the wizard's autosave creating the draft
 * of this very name, or the same Launch sent twice. Once it has committed, a second attempt sees it and
 * launches that draft, or returns the first request's operation; only a real conflict fails twice.
 */
async function recordLaunchRetryingOnce(
  prisma: PrismaClient,
  input: z.output<typeof launchInput>,
  columns: LaunchColumns,
  ownerId: string | null | undefined,
): Promise<RecordedLaunch> {
  try {
    return await recordLaunch(prisma, input, columns, ownerId);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  try {
    return await recordLaunch(prisma, input, columns, ownerId);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(columns.name, columns.region, columns.target);
    throw error;
  }
}

/** The environment (the user's own draft of this name, launched, or a new row) and its pending operation. */
function recordLaunch(
  prisma: PrismaClient,
  input: z.output<typeof launchInput>,
  columns: LaunchColumns,
  ownerId: string | null | undefined,
): Promise<RecordedLaunch> {
  return prisma.$transaction(async (tx) => {
    const repeated = await tx.operation.findUnique({
      where: { clientRequestToken: input.clientRequestToken },
    });
    if (repeated) {
      return { result: { environmentId: repeated.environmentId, operationId: repeated.id }, repeated: true };
    }
    // The wizard autosaves a draft under the same name; a Launch clicked before the browser learned the
    // draft's id must launch that draft, not collide with it. Read inside the transaction, so a draft
    // committed by a racing save is seen on the retry.
    const draftId = input.draftId ?? (await ownDraftId(tx, columns, ownerId));
    const environment = draftId
      ? await tx.environment
          .update({ where: { id: draftId, status: "draft" }, data: { ...columns, status: "pending" } })
          .catch(() => {
            throw new TRPCError({ code: "CONFLICT", message: "This draft was already launched or deleted" });
          })
      : await tx.environment.create({ data: { ...columns, status: "pending" } });
    const operation = await tx.operation.create({
      data: {
        environmentId: environment.id,
        kind: "create",
        status: "pending",
        specSnapshot: columns.spec,
        clientRequestToken: input.clientRequestToken,
      },
    });
    return { result: { environmentId: environment.id, operationId: operation.id }, repeated: false };
  });
}

type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

async function ownDraftId(
  tx: Transaction,
  at: { name: string; region: string; target: "local" | "aws" },
  ownerId: string | null | undefined,
): Promise<string | undefined> {
  const draft = await tx.environment.findFirst({
    where: { name: at.name, region: at.region, target: at.target, status: "draft", ownerId: ownerId ?? null },
    select: { id: true },
  });
  return draft?.id;
}
