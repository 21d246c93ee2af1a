// For the CLI's integration tests: a portal API process (apps/portal/src/server/http/api-server.test-
// helpers.ts: the portal's tRPC handler, API-token auth and deploy engine over real HTTP) on a scratch
// database, and the CLI run in-process (run()) or as its own process (tsx src/bin/cli.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { run } from "./main.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = join(root, "node_modules/.bin/tsx");

export interface PortalProcess {
  url: string;
  token: string;
  revokedToken: string;
  stop(): Promise<void>;
}

/** Starts the portal API process; resolves once it printed its address and tokens. */
export async function startPortal(extraEnv: Record<string, string> = {}): Promise<PortalProcess> {
  const db: ScratchDatabase = await createScratchDatabase("cli_it");
  await migrate({ databaseUrl: db.url });
  // react-server: the portal's server modules import "server-only", empty under that condition.
  const server = spawn(
    tsx,
    ["--conditions=react-server", join(root, "apps/portal/src/server/http/api-server.test-helpers.ts")],
    {
      cwd: join(root, "apps/portal"),
      env: { ...process.env, ...extraEnv, DATABASE_URL: db.url },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let errors = "";
  server.stderr?.on("data", (chunk) => {
    errors += chunk;
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await db.drop();
  };
  try {
    const started = await firstJsonLine(server, () => errors);
    return { ...started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function firstJsonLine(server: ChildProcess, errors: () => string) {
  return new Promise<{ url: string; token: string; revokedToken: string }>((resolve, reject) => {
    let out = "";
    // Generous: tsx compiles the portal's server modules on a shared 2-core machine.
    const timer = setTimeout(() => reject(new Error(`api server did not start: ${errors()}`)), 120_000);
    server.stdout?.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith("{") && out.includes(`${l}\n`));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    server.once("exit", (code) => reject(new Error(`api server exited ${code}: ${errors()}`)));
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process, with the portal's address and a token in its environment. */
export async function cliIn(
  env: Record<string, string | undefined>,
  argv: string[],
  stdin = "",
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    env,
    pollMs: 100,
    readStdin: async () => stdin,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/** The CLI as a user's shell runs it: its own process, stdout a pipe (not a terminal). */
export function cliProcess(env: Record<string, string | undefined>, argv: string[]) {
  const child = spawn(tsx, [join(root, "apps/cli/src/bin/cli.ts"), ...argv], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })),
  );
  return { child, done, output: () => stdout };
}

/** Resolves once `check` holds, polling every 100 ms; rejects after `ms`. */
export async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
