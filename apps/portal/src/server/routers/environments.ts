// environments.*: the list (/), drafts for the wizard, launch, update (plan, then apply) and delete. A
// deployer changes only the environments it owns (admins any); launch, update and delete are audited.

import "server-only";
import { parseEnvironmentSpec } from "@stackyard/templates";
import { z } from "zod";
import { audited } from "../audit/audited";
import { specDiff } from "../audit/spec-diff";
import { continueRollback } from "../environments/continue-rollback";
import { deleteEnvironment } from "../environments/delete";
import { saveDraft } from "../environments/drafts";
import { environmentId, launchInput, listInput, saveDraftInput } from "../environments/inputs";
import { launchEnvironment } from "../environments/launch";
import { getEnvironment, listEnvironments } from "../environments/list";
import { assertMayChange } from "../environments/ownership";
import { defaultCredentialRotator, rotateDatabaseCredentials } from "../environments/rotate-credentials";
import { deployerProcedure, router, viewerProcedure } from "../trpc";
import { applyUpdate, updateAuditDetail } from "../updates/apply";
import { applyUpdateInput, planUpdateInput } from "../updates/inputs";
import { planUpdate } from "../updates/plan-update";
import { databaseAccessProcedures } from "./environment-database-access";
import { driftProcedures } from "./environment-drift";
import { expiryProcedures } from "./environment-expiry";
import { healthProcedures } from "./environment-health";
import { logsProcedures } from "./environment-logs";

/**
 * A launch's audit detail holds only what the schema parsed: a refused spec is recorded by its error
 * alone (which audited() adds), never as sent (it could be a megabyte, or carry keys that break reads).
 */
function launchAuditDetail(target: string, spec: unknown, expiresAt?: Date): Record<string, unknown> {
  const parsed = parseEnvironmentSpec(spec);
  const expiry = expiresAt ? { expiresAt: expiresAt.toISOString() } : {};
  return parsed.ok ? { target, changes: specDiff(undefined, parsed.spec), ...expiry } : { target, ...expiry };
}

export const environmentsRouter = router({
  ...expiryProcedures,
  ...databaseAccessProcedures,
  ...logsProcedures,
  ...driftProcedures,
  ...healthProcedures,
  list: viewerProcedure.input(listInput).query(({ ctx, input }) => listEnvironments(ctx.prisma, input)),
  get: viewerProcedure
    .input(z.object({ id: environmentId }))
    .query(({ ctx, input }) => getEnvironment(ctx.prisma, input.id)),
  saveDraft: deployerProcedure.input(saveDraftInput).mutation(async ({ ctx, input }) => {
    if (input.id) await assertMayChange(ctx.prisma, ctx.user, input.id);
    return saveDraft(ctx.prisma, input, ctx.user?.id);
  }),
  launch: deployerProcedure.input(launchInput).mutation(({ ctx, input }) =>
    audited(
      ctx,
      "environment.launch",
      launchAuditDetail(input.target, input.spec, input.expiresAt),
      async () => {
        if (input.draftId) await assertMayChange(ctx.prisma, ctx.user, input.draftId);
        return launchEnvironment(ctx.prisma, input, ctx.deploy, ctx.user?.id);
      },
      (result) => result.environmentId,
      input.draftId,
    ),
  ),
  // Step 1 of an update: what would change (nothing changes yet). Step 2, update, applies the plan.
  planUpdate: deployerProcedure.input(planUpdateInput).mutation(async ({ ctx, input }) => {
    await assertMayChange(ctx.prisma, ctx.user, input.id);
    return planUpdate(ctx.prisma, input, ctx.deploy, ctx.user?.id ?? null);
  }),
  update: deployerProcedure.input(applyUpdateInput).mutation(async ({ ctx, input }) =>
    audited(
      ctx,
      "environment.update",
      await updateAuditDetail(ctx.prisma, input),
      async () => {
        await assertMayChange(ctx.prisma, ctx.user, input.id);
        return applyUpdate(ctx.prisma, input, ctx.deploy, ctx.user);
      },
      (result) => result.environmentId,
      input.id,
    ),
  ),
  delete: deployerProcedure.input(z.object({ id: environmentId })).mutation(({ ctx, input }) =>
    audited(
      ctx,
      "environment.delete",
      {},
      async () => {
        await assertMayChange(ctx.prisma, ctx.user, input.id);
        return deleteEnvironment(ctx.prisma, input.id, ctx.deploy);
      },
      () => input.id,
      input.id,
    ),
  ),
  // After UPDATE_ROLLBACK_FAILED (AWS): ContinueUpdateRollback, once the user fixed what the events name.
  continueRollback: deployerProcedure.input(z.object({ id: environmentId })).mutation(({ ctx, input }) =>
    audited(
      ctx,
      "environment.continue_rollback",
      {},
      async () => {
        await assertMayChange(ctx.prisma, ctx.user, input.id);
        return continueRollback(ctx.prisma, input.id, ctx.deploy);
      },
      () => input.id,
      input.id,
    ),
  ),
  // A new database password now (RDS rotates its managed secret every 7 days anyway); notes-api follows.
  rotateDatabaseCredentials: deployerProcedure
    .input(z.object({ id: environmentId }))
    .mutation(({ ctx, input }) =>
      audited(
        ctx,
        "environment.rotate_credentials",
        {},
        async () => {
          await assertMayChange(ctx.prisma, ctx.user, input.id);
          return rotateDatabaseCredentials(
            ctx.prisma,
            input.id,
            ctx.rotateCredentials ?? defaultCredentialRotator(),
          );
        },
        (result) => result.environmentId,
        input.id,
      ),
    ),
});
