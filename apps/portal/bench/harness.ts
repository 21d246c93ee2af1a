// What every scenario shares: a scratch portal database, the process's deploy engine (exactly as
// src/server/deploy/index.ts builds it, with the AWS poll interval set), a signed-in user, and the
// portal's tRPC API over HTTP with the peer's router beside it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine, defaultInterval } from "@stackyard/deploy";
import { startSession } from "../src/server/auth/sessions";
import { driverFor } from "../src/server/deploy-drivers";
import { appRouter } from "../src/server/routers/_app";
import { naiveRouter } from "./naive-router";
import { startPortalServer } from "./portal-server";
import type { Session } from "./watchers";

export interface Harness {
  prisma: PrismaClient;
  engine: DeployEngine;
  userId: string;
  session: Session;
  close(): Promise<void>;
}

export async function startHarness(awsIntervalMs: number): Promise<Harness> {
  const db: ScratchDatabase = await createScratchDatabase("portal_bench");
  await migrate({ databaseUrl: db.url });
  // Before anything calls getPrismaClient(): the API and the engine must use the scratch database.
  process.env.DATABASE_URL = db.url;
  // The local sandbox keeps its stacks in a folder of its own, away from the test instance's.
  const dataDir = mkdtempSync(join(tmpdir(), "stackyard-bench-"));
  process.env.STACKYARD_DATA_DIR = dataDir;
  const prisma = getPrismaClient();
  const engine = new DeployEngine({
    prisma,
    driverFor,
    intervalMs: (target) => (target === "aws" ? awsIntervalMs : defaultInterval(target)),
  });
  (globalThis as { stackyardDeployEngine?: DeployEngine }).stackyardDeployEngine = engine;
  const user = await prisma.user.create({
    data: { email: "bench@example.test", name: "Bench", role: "deployer", passwordHash: "no-password" },
  });
  const { token } = await startSession(prisma, user.id, { address: null, userAgent: "bench" });
  const server = await startPortalServer([
    { endpoint: "/api/trpc", router: appRouter },
    { endpoint: "/naive", router: naiveRouter },
  ]);
  return {
    prisma,
    engine,
    userId: user.id,
    session: { baseUrl: server.url, cookie: `stackyard_session=${token}` },
    async close() {
      await engine.tracker.stop();
      await server.close();
      await prisma.$disconnect();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
