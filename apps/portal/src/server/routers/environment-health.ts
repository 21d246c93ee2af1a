// environments.health: anyone who may see the environment may read its health (read-only, not audited).
// `refresh` is the panel's "Refresh" button: a new read rather than one up to ten seconds old.
import "server-only";
import { z } from "zod";
import { environmentHealth } from "../environments/health";
import { environmentId } from "../environments/inputs";
import { viewerProcedure } from "../trpc";

const healthInput = z.object({ id: environmentId, refresh: z.boolean().optional() });

export const healthProcedures = {
  health: viewerProcedure
    .input(healthInput)
    .query(({ ctx, input }) =>
      environmentHealth(ctx.prisma, input.id, { refresh: input.refresh, driverFor: ctx.driverFor }),
    ),
};
