// Health of the portal itself: proves browser → tRPC → Prisma → MariaDB end to end.
import "server-only";
import { TRPCError } from "@trpc/server";
import { publicProcedure, router } from "../trpc";

export interface SystemStatus {
  ok: true;
  database: { connected: true; version: string; migrationsApplied: number; latestMigration: string | null };
  environments: number;
  checkedAt: Date;
}

export const systemRouter = router({
  // Public, so that a probe can tell the portal is up; the database's version and migration names are
  // for signed-in people only (they help an attacker pick an exploit).
  status: publicProcedure.query(async ({ ctx }): Promise<SystemStatus | { ok: true }> => {
    try {
      const [versionRow] = await ctx.prisma.$queryRaw<{ version: string }[]>`SELECT VERSION() AS version`;
      const migrations = await ctx.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
      if (!ctx.user) return { ok: true };
      const environments = await ctx.prisma.environment.count();
      return {
        ok: true,
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
