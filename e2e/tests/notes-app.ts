// A notes-api of its own for the notes UI journeys: `node dist/main.js` (what npm start and the image run)
// on a free loopback port, against a scratch database made with the test instance's MARIADB_ADMIN_URL and
// dropped afterwards. Direct, so the journey needs no deployed environment and never shares rows.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import mysql from "mysql2/promise";

const NOTES_API_DIR = fileURLToPath(new URL("../../apps/notes-api/", import.meta.url));

export interface NotesApp {
  url: string;
  /** Adds notes through the JSON API (oldest first), for pages that need content. */
  addNotes(notes: Array<{ title: string; description: string }>): Promise<number[]>;
  stop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.MARIADB_ADMIN_URL;
  if (!url) throw new Error("MARIADB_ADMIN_URL is not set: load .data/test/services.env (see e2e/README.md)");
  return url;
}

async function adminQuery(sql: string): Promise<void> {
  const db = await mysql.createConnection(adminUrl());
  try {
    await db.query(sql);
  } finally {
    await db.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Lists the process in STACKYARD_PID_REGISTRY, so `services.sh down` stops it should this run not. */
function registerForCleanup(pid: number): string | undefined {
  const dir = process.env.STACKYARD_PID_REGISTRY;
  if (!dir) return undefined;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  mkdirSync(dir, { recursive: true });
  const file = join(dir, String(pid));
  writeFileSync(file, `${pid} ${startTime} notes-api for the e2e notes journey\n`);
  return file;
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`notes-api exited early:\n${output()}`);
    const status = await fetch(`${url}/readyz`).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`notes-api at ${url} not ready within 30 s:\n${output()}`);
}

export async function startNotesApp(): Promise<NotesApp> {
  const database = `notes_e2e_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const databaseUrl = new URL(adminUrl());
  databaseUrl.pathname = `/${database}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  // Only what the app needs: the portal's DATABASE_URL in this environment must not leak in.
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: NOTES_API_DIR,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      DATABASE_URL: databaseUrl.toString(),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      SHUTDOWN_DELAY_MS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const registryFile = child.pid === undefined ? undefined : registerForCleanup(child.pid);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    if (registryFile) rmSync(registryFile, { force: true });
    await adminQuery(`DROP DATABASE IF EXISTS \`${database}\``);
  };
  try {
    await waitForReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const addNotes = async (notes: Array<{ title: string; description: string }>) => {
    const ids: number[] = [];
    for (const note of notes) {
      const res = await fetch(`${url}/api/notes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(note),
      });
      if (res.status !== 201) throw new Error(`adding "${note.title}" answered ${res.status}`);
      ids.push(((await res.json()) as { id: number }).id);
    }
    return ids;
  };
  return { url, addNotes, stop };
}
