// Launch: validate the whole spec with the shared schema, then record the environment and its first
// operation (pending) in one transaction, and hand the operation to the deploy engine.
import type { PrismaClient } from "@stackyard/db";
import { checkTemplate, estimateMonthlyCost, renderTemplate } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { currentAwsIdentity } from "../aws-identity";
import { fieldError, parseSpecOrThrow } from "../field-errors";
import { type OperationStarter, startOperation } from "../operations/hand-over";
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
  // A template that fails its own checks (e.g. a broken reference) must not reach CloudFormation either.
  const blocking = checkTemplate(renderTemplate(spec).template).filter((f) => f.severity === "error");
  if (blocking.length > 0) {
    throw fieldError(
      "BAD_REQUEST",
      blocking.map((f) => ({ path: f.specField ?? "", message: f.message })),
      "The template fails its checks",
    );
  }
  if (input.target === "aws") {
    const identity = await currentAwsIdentity();
    if (!identity.available) throw fieldError("BAD_REQUEST", [{ path: "target", message: identity.reason }]);
  }
  const repeated = await prisma.operation.findUnique({
    where: { clientRequestToken: input.clientRequestToken },
  });
  if (repeated) return { environmentId: repeated.environmentId, operationId: repeated.id };

  const columns = {
    name: spec.name,
    region: spec.region,
    target: input.target,
    spec: spec as object,
    monthlyCostUsd: estimateMonthlyCost(spec).totalMonthlyUsd,
    ...(ownerId ? { ownerId } : {}),
  };
  // The wizard autosaves a draft under the same name; a Launch clicked before the browser learned the
  // draft's id must launch that draft, not collide with it.
  const draftId = input.draftId ?? (await ownDraftId(prisma, columns, ownerId));
  let result: LaunchResult;
  try {
    result = await prisma.$transaction(async (tx) => {
      const environment = draftId
        ? await tx.environment
            .update({
              where: { id: draftId, status: "draft" },
              data: { ...columns, status: "pending" },
            })
            .catch(() => {
              throw new TRPCError({
                code: "CONFLICT",
                message: "This draft was already launched or deleted",
              });
            })
        : await tx.environment.create({ data: { ...columns, status: "pending" } });
      const operation = await tx.operation.create({
        data: {
          environmentId: environment.id,
          kind: "create",
          status: "pending",
          specSnapshot: spec as object,
          clientRequestToken: input.clientRequestToken,
        },
      });
      return { environmentId: environment.id, operationId: operation.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(spec.name, spec.region, input.target);
    throw error;
  }
  await startOperation(starter, result.operationId);
  return result;
}

async function ownDraftId(
  prisma: PrismaClient,
  at: { name: string; region: string; target: "local" | "aws" },
  ownerId: string | null | undefined,
): Promise<string | undefined> {
  const draft = await prisma.environment.findFirst({
    where: { name: at.name, region: at.region, target: at.target, status: "draft", ownerId: ownerId ?? null },
    select: { id: true },
  });
  return draft?.id;
}
