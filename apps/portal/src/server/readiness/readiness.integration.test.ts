// The readiness probe on the local sandbox, with a real nginx, real notes-api processes and MariaDB:
// every applicable hop passes after the launch; cutting this environment's database connection (a TCP
// proxy in front of the shared MariaDB, closed by the test) fails only the database hop; a self-signed
// certificate is reported untrusted with its expiry; stopping nginx fails the nginx hop. No probe changes
// the environment's status.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import { adminFromEnv, StateStore, stackPaths } from "@stackyard/deploy/local";
import { newDriver, removeDataDir, tempDataDir, uniqueStackName } from "@stackyard/deploy/testing";
import { defaultSpec, PRIVATE_NGINX_PROCESS, renderNginxConf } from "@stackyard/templates";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";
import { fakeResolver } from "./fixtures.test-helpers";
import type { HopResult } from "./hops";
import { accepts, DatabaseProxy, freePort, runNginx, selfSignedCertificate } from "./outage.test-helpers";
import { runProbe } from "./probe";
import { probeAfterOperation } from "./run";
import type { ProbeView } from "./views";

const dataDir = tempDataDir();
const admin = adminFromEnv();
const proxy = new DatabaseProxy({ host: admin.host, port: admin.port });
const name = uniqueStackName("ready");
let driver: ReturnType<typeof newDriver>;
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let deployer: SessionUser;
let environmentId = "";

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine });
const outcomes = (hops: HopResult[]) => Object.fromEntries(hops.map((h) => [h.hop, h.outcome]));
const hop = (probe: ProbeView, name: string) => probe.hops.find((h) => h.hop === name);
const statusOf = async () =>
  (await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } })).status;

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  await proxy.start();
  // The environment's notes-api reaches MariaDB only through the proxy: the database plan records it.
  driver = newDriver(dataDir, { admin: { ...admin, host: "127.0.0.1", port: proxy.port } });
  db = await createScratchDatabase("portal_readiness");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({
    prisma,
    driverFor: () => driver,
    intervalMs: () => 100,
    afterFinish: (operationId) => probeAfterOperation(prisma, operationId),
  });
  deployer = await createTestUser(prisma, "deployer");
  const launched = await as(deployer).environments.launch({
    target: "local",
    // Unprotected: the cleanup deletes the stack directly (a protected database refuses, as RDS does).
    spec: { ...defaultSpec(), name, database: { ...defaultSpec().database, deletionProtection: false } },
    clientRequestToken: `launch-${name}`,
  });
  environmentId = launched.environmentId;
  await until("the environment to be live", async () => ((await statusOf()) === "live" ? true : undefined));
}, 120_000);

afterAll(async () => {
  await proxy.start().catch(() => undefined);
  await driver.whenIdle(name);
  if (await driver.describe(name)) {
    await driver.delete(name, `cleanup-${name}`);
    await driver.whenIdle(name);
  }
  await proxy.stop();
  removeDataDir(dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

describe("the readiness probe on the local sandbox", () => {
  it("runs by itself after CREATE_COMPLETE, and every applicable hop passes", async () => {
    const probe = await until("the probe after the launch", async () => {
      const [latest] = await as(deployer).readiness.list({ environmentId });
      return latest && latest.status !== "running" ? latest : undefined;
    });
    expect(probe.trigger).toBe("operation");
    expect(probe.operationId).toEqual(expect.any(String));
    expect(outcomes(probe.hops)).toEqual({
      dns: "skipped",
      tls: "skipped",
      nginx: "pass",
      app: "pass",
      database: "pass",
    });
    expect(probe.status).toBe("pass");
    expect(hop(probe, "dns")?.detail).toBe("local sandbox: no DNS, the app is served at 127.0.0.1");
    expect(hop(probe, "tls")?.detail).toBe("local sandbox: nginx serves plain HTTP");
    expect(hop(probe, "database")?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hop(probe, "nginx")?.latencyMs).toBeLessThan(5000);
    expect(await statusOf()).toBe("live");
  });

  it("runs on request, one at a time per environment, and is audited", async () => {
    const results = await Promise.allSettled([
      as(deployer).readiness.run({ environmentId }),
      as(deployer).readiness.run({ environmentId }),
    ]);
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
    expect(done).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual(["TOO_MANY_REQUESTS"]);
    expect(refused[0]?.message).toMatch(/already running/);
    expect(done[0]?.status === "fulfilled" && done[0].value.status).toBe("pass");
    const audit = await prisma.auditEntry.findMany({ where: { action: "environment.readiness" } });
    expect(audit.map((a) => a.outcome).sort()).toEqual(["failure", "success"]);
  });

  it("fails only the database hop, with notes-api's reason, when this environment's database is cut off", async () => {
    await proxy.stop();
    try {
      const probe = await as(deployer).readiness.run({ environmentId });
      expect(outcomes(probe.hops)).toEqual({
        dns: "skipped",
        tls: "skipped",
        nginx: "pass",
        app: "pass",
        database: "fail",
      });
      expect(probe.failingHop).toBe("database");
      expect(hop(probe, "database")?.error).toMatch(
        /^database unavailable: connection (refused|reset|lost)$/,
      );
      expect(hop(probe, "database")?.action).toContain(`The MariaDB at 127.0.0.1:${proxy.port}`);
      expect(await statusOf()).toBe("live");
    } finally {
      await proxy.start();
    }
    const recovered = await until(
      "the database to be back",
      async () => {
        const probe = await as(deployer).readiness.run({ environmentId });
        return probe.status === "pass" ? probe : undefined;
      },
      30_000,
    );
    expect(recovered.failingHop).toBeNull();
  });

  it("reports nginx serving a self-signed certificate as untrusted, with its expiry", async () => {
    const paths = stackPaths(join(dataDir, "sandbox"), name);
    const plan = new StateStore(paths).read()?.plan;
    if (!plan) throw new Error("no sandbox plan");
    const prefix = join(paths.root, "tls-test");
    const [httpPort, tlsPort] = [await freePort(), await freePort()];
    const certificate = selfSignedCertificate(dataDir, "notes.example.test", 30);
    const conf = renderNginxConf({
      upstream: { servers: plan.taskPorts.map((p) => `127.0.0.1:${p}`) },
      httpPort,
      listenAddress: "127.0.0.1",
      serverName: "notes.example.test",
      tls: { ...certificate, port: tlsPort },
      acmeWebroot: "acme",
      clientMaxBodySize: "1m",
      process: PRIVATE_NGINX_PROCESS,
    });
    const nginx = await runNginx(prefix, conf, tlsPort);
    try {
      const hops = await runProbe(
        {
          target: "aws",
          appUrl: "https://notes.example.test",
          scheme: "https",
          connectHost: "127.0.0.1",
          port: tlsPort,
          domain: "notes.example.test",
          tls: "certbot",
          edge: "nginx",
          expectedAddress: "127.0.0.1",
          databaseEndpoint: null,
        },
        { resolver: fakeResolver({ "notes.example.test": ["127.0.0.1"] }) },
      );
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      expect(outcomes(hops)).toEqual({
        dns: "pass",
        tls: "fail",
        nginx: "pass",
        app: "pass",
        database: "pass",
      });
      const tls = hops.find((h) => h.hop === "tls");
      expect(tls?.error).toMatch(
        new RegExp(`^untrusted: self-signed certificate \\(expires ${expires} \\(in (29|30) days\\)\\)$`),
      );
      expect(tls?.detail).toContain("CN=notes.example.test");
      // Over HTTPS nginx must also send HSTS: the nginx hop names it.
      expect(hops.find((h) => h.hop === "nginx")?.detail).toContain("Strict-Transport-Security");
    } finally {
      await nginx.stop();
    }
  });

  it("fails the nginx hop when this environment's nginx is stopped, and skips what lies behind it", async () => {
    const pid = Number(
      readFileSync(join(stackPaths(join(dataDir, "sandbox"), name).pids, "nginx.pid"), "utf8"),
    );
    const port = new StateStore(stackPaths(join(dataDir, "sandbox"), name)).read()?.plan.nginxPort ?? 0;
    process.kill(pid, "SIGQUIT");
    await until("nginx to stop", async () => ((await accepts(port)) ? undefined : true), 15_000);
    const probe = await as(deployer).readiness.run({ environmentId });
    expect(outcomes(probe.hops)).toEqual({
      dns: "skipped",
      tls: "skipped",
      nginx: "fail",
      app: "skipped",
      database: "skipped",
    });
    expect(hop(probe, "nginx")?.error).toBe(
      `connection refused by 127.0.0.1:${port} (nothing listens there)`,
    );
    expect(hop(probe, "nginx")?.action).toContain("nginx is not running");
    expect(hop(probe, "app")?.detail).toBe("skipped because the nginx hop failed");
    expect(await statusOf()).toBe("live");
    const list = await as(deployer).readiness.list({ environmentId });
    expect(list[0]?.failingHop).toBe("nginx");
    // The environments list shows the latest probe as the row's readiness.
    const rows = await as(deployer).environments.list();
    expect(rows.find((row) => row.id === environmentId)?.readiness).toMatchObject({
      status: "fail",
      failingHop: "nginx",
    });
  });
});
