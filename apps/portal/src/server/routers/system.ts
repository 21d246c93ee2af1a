// Health of the portal itself: proves browser → tRPC → Prisma → MariaDB end to end.
import { TRPCError } from "@trpc/server";
import { publicProcedure, router } from "../trpc";

export interface SystemStatus {
  database: { connected: true; version: string; migrationsApplied: number; latestMigration: string | null };
  environments: number;
  checkedAt: Date;
}

export const systemRouter = router({
  status: publicProcedure.query(async ({ ctx }): Promise<SystemStatus> => {
    try {
      const [versionRow] = await ctx.prisma.$queryRaw<{ version: string }[]>`SELECT VERSION() AS version`;
      const migrations = await ctx.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
      const environments = await ctx.prisma.environment.count();
      return {
        database: {
          connected: true,
          version: versionRow?.version ?? "unknown",
          migrationsApplied: migrations.length,
          latestMigration: migrations.at(-1)?.migration_name ?? null,
        },
        environments,
        checkedAt: new Date(),
      };
    } catch (error) {
      throw new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: "The portal database is unreachable or not migrated (run npm start, which migrates it).",
        cause: error,
      });
    }
  }),
});
