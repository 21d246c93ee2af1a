// environments.*: the list (/), drafts for the wizard, launch and delete. A deployer changes only the
// environments it owns (admins any); launch and delete are audited with their outcome.

import { z } from "zod";
import { audited } from "../audit/audited";
import { specDiff } from "../audit/spec-diff";
import { deleteEnvironment } from "../environments/delete";
import { saveDraft } from "../environments/drafts";
import { environmentId, launchInput, listInput, saveDraftInput } from "../environments/inputs";
import { launchEnvironment } from "../environments/launch";
import { getEnvironment, listEnvironments } from "../environments/list";
import { assertMayChange } from "../environments/ownership";
import { deployerProcedure, router, viewerProcedure } from "../trpc";

export const environmentsRouter = router({
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
      { target: input.target, changes: specDiff(undefined, input.spec) },
      async () => {
        if (input.draftId) await assertMayChange(ctx.prisma, ctx.user, input.draftId);
        return launchEnvironment(ctx.prisma, input, ctx.deploy, ctx.user?.id);
      },
      (result) => result.environmentId,
      input.draftId,
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
});
