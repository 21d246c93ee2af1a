// environments.*: the list (/), drafts for the wizard, launch and delete.

import { z } from "zod";
import { deleteEnvironment } from "../environments/delete";
import { saveDraft } from "../environments/drafts";
import { environmentId, launchInput, listInput, saveDraftInput } from "../environments/inputs";
import { launchEnvironment } from "../environments/launch";
import { getEnvironment, listEnvironments } from "../environments/list";
import { deployerProcedure, router, viewerProcedure } from "../trpc";

export const environmentsRouter = router({
  list: viewerProcedure.input(listInput).query(({ ctx, input }) => listEnvironments(ctx.prisma, input)),
  get: viewerProcedure
    .input(z.object({ id: environmentId }))
    .query(({ ctx, input }) => getEnvironment(ctx.prisma, input.id)),
  saveDraft: deployerProcedure
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.prisma, input)),
  launch: deployerProcedure
    .input(launchInput)
    .mutation(({ ctx, input }) => launchEnvironment(ctx.prisma, input, ctx.deploy)),
  delete: deployerProcedure
    .input(z.object({ id: environmentId }))
    .mutation(({ ctx, input }) => deleteEnvironment(ctx.prisma, input.id, ctx.deploy)),
});
