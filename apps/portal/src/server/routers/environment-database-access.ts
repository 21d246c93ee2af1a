// environments.databaseAccess: how to connect to an environment's database (commands only, no secret), for
// anyone who may see the environment; the secret stays where the commands read it from.
import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { databaseAccess } from "../environments/database-access";
import { environmentId } from "../environments/inputs";
import { viewerProcedure } from "../trpc";

export const databaseAccessProcedures = {
  databaseAccess: viewerProcedure.input(z.object({ id: environmentId })).query(async ({ ctx, input }) => {
    const environment = await ctx.prisma.environment.findUnique({
      where: { id: input.id },
      select: { target: true, region: true, status: true, spec: true, outputs: true },
    });
    if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
    return databaseAccess(environment);
  }),
};
