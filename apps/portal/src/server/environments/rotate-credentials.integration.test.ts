// environments.rotateDatabaseCredentials on the local sandbox, under a steady request load through nginx
// (real MariaDB, real notes-api processes, real nginx, the real engine and driver).
//
// On AWS the template uses ManageMasterUserPassword: RDS rotates the secret every 7 days, while ECS injects
// secrets only at task start, so a task holding the old password fails every new connection after the first
// rotation, and the target group (on /healthz) keeps it in service. notes-api now reads the secret itself
// (DB_SECRET_ARN on AWS, DB_SECRET_FILE here) and reads it again when MySQL refuses the cached password.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html

import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import type { LocalSandboxDriver } from "@stackyard/deploy/local";
import {
  adminFromEnv,
  type DatabaseCredentials,
  StateStore,
  secretFilePath,
  stackPaths,
} from "@stackyard/deploy/local";
import {
  deleteStackAndData,
  newDriver,
  tempDataDir,
  uniqueStackName,
  until,
} from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";
import { credentialRotator } from "./rotate-credentials";

const waitUntil = (what: string, check: () => Promise<boolean> | boolean) =>
  until(what, check, WAIT.timeout, WAIT.interval);
const WAIT = { timeout: 90_000, interval: 100 };
const dataDir = tempDataDir();
const driver: LocalSandboxDriver = newDriver(dataDir);
const name = uniqueStackName("rot");
const paths = stackPaths(join(dataDir, "sandbox"), name);
const store = new StateStore(paths);
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;
let otherDeployer: SessionUser;
let admin: SessionUser;
let environmentId = "";
let appUrl = "";

const as = (user: SessionUser) =>
  createCaller({
    prisma,
    user,
    deploy: engine,
    rotateCredentials: credentialRotator({ localProcesses: () => driver.processes }),
  });

const statusOf = async () =>
  (await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } })).status;

async function asAdmin<T>(work: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ ...adminFromEnv(), connectTimeout: 5000 });
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

async function sessionsOf(user: string): Promise<number[]> {
  return asAdmin(async (conn) => {
    const [rows] = await conn.query("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", [user]);
    return (rows as { ID: number }[]).map((r) => Number(r.ID));
  });
}

beforeAll(async () => {
  db = await createScratchDatabase("portal_rotate_local");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  [owner, otherDeployer, admin] = await Promise.all([
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "admin"),
  ]);
  const launched = await as(owner).environments.launch({
    target: "local",
    spec: { ...defaultSpec(), name, app: { ...defaultSpec().app, desiredCount: 2 } },
    clientRequestToken: `launch-${name}`,
  });
  environmentId = launched.environmentId;
  await waitUntil("the environment to be live", async () => (await statusOf()) === "live");
  const outputs = (await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } })).outputs as {
    AppUrl: string;
  };
  appUrl = outputs.AppUrl;
  expect(new URL(appUrl).hostname).toBe("127.0.0.1");
}, 150_000);

afterAll(async () => {
  await deleteStackAndData(driver, name, dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

type Phase = "before" | "during" | "after";

/**
 * Steady load through nginx (127.0.0.1 only): `workers` loops of list / read / write, each request counted
 * in the phase it started in. Bounded: it stops at `stop()` or after MAX_REQUESTS, whichever comes first.
 */
function startLoad(workers: number) {
  const MAX_REQUESTS = 20_000;
  const counts: Record<Phase, { ok: number; failed: number; failures: string[] }> = {
    before: { ok: 0, failed: 0, failures: [] },
    during: { ok: 0, failed: 0, failures: [] },
    after: { ok: 0, failed: 0, failures: [] },
  };
  let phase: Phase = "before";
  let stopped = false;
  let paused: Promise<void> | null = null;
  let resume = () => {};
  let sent = 0;
  const ids: number[] = [];
  const once = async (i: number) => {
    const kind = i % 3;
    if (kind === 0) return fetch(`${appUrl}/api/notes?limit=5`, { signal: AbortSignal.timeout(10_000) });
    if (kind === 1 && ids.length > 0) {
      const id = ids[i % ids.length];
      return fetch(`${appUrl}/api/notes/${id}`, { signal: AbortSignal.timeout(10_000) });
    }
    const response = await fetch(`${appUrl}/api/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: `load ${i}`, description: `written under load (${phase})` }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 201) ids.push(((await response.clone().json()) as { id: number }).id);
    return response;
  };
  const worker = async () => {
    while (!stopped && sent < MAX_REQUESTS) {
      if (paused) await paused;
      const started = phase;
      const i = sent++;
      try {
        const response = await once(i);
        await response.arrayBuffer();
        if (response.ok) counts[started].ok++;
        else {
          counts[started].failed++;
          counts[started].failures.push(`HTTP ${response.status}`);
        }
      } catch (error) {
        counts[started].failed++;
        counts[started].failures.push(String(error));
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  const total = (p: Phase) => counts[p].ok + counts[p].failed;
  return {
    counts,
    total,
    setPhase: (next: Phase) => {
      phase = next;
    },
    /** Holds every worker before its next request and resolves once none is in flight. */
    pause: async () => {
      paused = new Promise<void>((resolve) => (resume = resolve));
      const inFlight = () => sent - (total("before") + total("during") + total("after"));
      await waitUntil("in-flight requests to finish", async () => inFlight() === 0);
    },
    resume: () => {
      paused = null;
      resume();
    },
    stop: async () => {
      stopped = true;
      resume();
      await running;
    },
  };
}

describe("environments.rotateDatabaseCredentials on the local sandbox", () => {
  it("refuses another deployer (only the owner or an admin)", async () => {
    const error = await as(otherDeployer)
      .environments.rotateDatabaseCredentials({ id: environmentId })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
    expect(
      (await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } }))
        .databaseCredentialsRotatedAt,
    ).toBeNull();
  });

  it("starts notes-api with the secret file, never the password, in its environment", () => {
    const state = store.read();
    const tasks = Object.values(state?.tasks ?? {});
    expect(tasks.length).toBe(2);
    for (const task of tasks) {
      const environ = readFileSync(`/proc/${task.pid}/environ`, "utf8").split("\0");
      expect(environ).toContain(`DB_SECRET_FILE=${secretFilePath(paths.root)}`);
      expect(environ.some((v) => v.startsWith("DB_PASSWORD="))).toBe(false);
    }
    expect(statSync(secretFilePath(paths.root)).mode & 0o777).toBe(0o600);
  });

  it("rotates under load through nginx: none fails after, <1% during; the old password is refused; notes stay", async () => {
    const old = store.readCredentials() as DatabaseCredentials;
    // Notes written before the rotation, read back after it.
    const before: { id: number; title: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${appUrl}/api/notes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: `before rotation ${i}`, description: "must survive the rotation" }),
      });
      expect(response.status).toBe(201);
      before.push((await response.json()) as { id: number; title: string });
    }

    const load = startLoad(6);
    try {
      await waitUntil("load before the rotation", async () => load.total("before") >= 150);
      load.setPhase("during");
      const result = await as(owner).environments.rotateDatabaseCredentials({ id: environmentId });
      expect(result.rotatedAt).toBeInstanceOf(Date);

      // MySQL keeps sessions open across ALTER USER, so the pools' open connections would hide a stale
      // password for hours; on AWS they are replaced over time (idle timeouts, failovers, scaling). End
      // them now, with no request in flight, so that what follows needs new logins: the rotated password.
      await load.pause();
      for (const id of await sessionsOf(old.user)) {
        await asAdmin((conn) => conn.query(`KILL CONNECTION ${Number(id)}`)).catch(() => undefined);
      }
      await waitUntil("the old sessions to end", async () => (await sessionsOf(old.user)).length === 0);
      load.setPhase("after");
      load.resume();
      await waitUntil("load after the rotation", async () => load.total("after") >= 300);
    } finally {
      await load.stop();
    }

    const { before: pre, during, after } = load.counts;
    console.info(
      JSON.stringify({
        msg: "rotation under load",
        before: { ok: pre.ok, failed: pre.failed },
        during: { ok: during.ok, failed: during.failed },
        after: { ok: after.ok, failed: after.failed },
      }),
    );
    expect(pre.failed).toBe(0);
    expect(after.failures).toEqual([]);
    expect(after.ok).toBeGreaterThanOrEqual(300);
    expect(during.failed).toBeLessThan(Math.max(1, 0.01 * load.total("during")));

    // The old password no longer works; the new one (in both files) does.
    const rotated = store.readCredentials() as DatabaseCredentials;
    expect(rotated.password).not.toBe(old.password);
    expect(JSON.parse(readFileSync(secretFilePath(paths.root), "utf8"))).toEqual({
      username: old.user,
      password: rotated.password,
    });
    expect(statSync(secretFilePath(paths.root)).mode & 0o777).toBe(0o600);
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o600);
    const login = (password: string) =>
      mysql.createConnection({
        host: old.host,
        port: old.port,
        user: old.user,
        password,
        database: old.database,
      });
    await expect(login(old.password)).rejects.toMatchObject({ code: "ER_ACCESS_DENIED_ERROR" });
    await (await login(rotated.password)).end();

    // Notes written before are readable.
    for (const note of before) {
      const response = await fetch(`${appUrl}/api/notes/${note.id}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { title: string }).title).toBe(note.title);
    }
  }, 180_000);

  it("records when, audited, and lets an admin rotate too", async () => {
    const first = (await as(owner).environments.get({ id: environmentId })).databaseCredentialsRotatedAt;
    expect(first).toBeInstanceOf(Date);
    const byAdmin = await as(admin).environments.rotateDatabaseCredentials({ id: environmentId });
    expect(byAdmin.rotatedAt.getTime()).toBeGreaterThanOrEqual((first as Date).getTime());
    const audits = await prisma.auditEntry.findMany({
      where: { action: "environment.rotate_credentials", targetId: environmentId },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.outcome)).toEqual(["refused", "success", "success"]);
    // The sandbox still serves after a second rotation.
    expect((await fetch(`${appUrl}/api/notes?limit=1`)).status).toBe(200);
  });
});
