// `npm run serve` and the container's command: the portal for a team, on an external database.
// Checks the settings (src/server/config.ts: one line per problem, exit 2), applies pending migrations
// under the database's migration lock (so replicas may start together), then runs `next start` on HOST
// and PORT from the existing production build. Starts no MariaDB or nginx: see docs/running-for-a-team.md.
// Needs Node >= 22.18 (it loads config.ts by type stripping); `npm run` puts the project's Node 24 first.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const portalDir = fileURLToPath(new URL("..", import.meta.url));

function fail(lines, code) {
  for (const line of [lines].flat()) console.error(`stackyard: ${line}`);
  process.exit(code);
}

async function loadConfig() {
  let module;
  try {
    module = await import("../src/server/config.ts");
  } catch (error) {
    if (error?.code === "ERR_UNKNOWN_FILE_EXTENSION") {
      fail(`npm run serve needs Node >= 22.18 (this is ${process.version}): run it through npm`, 2);
    }
    throw error;
  }
  try {
    const config = module.readPortalConfig(process.env);
    for (const warning of module.configWarnings(config)) console.error(`stackyard: warning: ${warning}`);
    return config;
  } catch (error) {
    if (error instanceof module.PortalConfigError) fail(error.problems, 2);
    throw error;
  }
}

function assertBuilt() {
  const distDir = process.env.STACKYARD_NEXT_DIST_DIR || ".next";
  if (!existsSync(join(portalDir, distDir, "BUILD_ID"))) {
    fail(`no production build in apps/portal/${distDir}: run npm run build first`, 2);
  }
}

async function migrateDatabase(databaseUrl) {
  const { migrate } = await import("@stackyard/db/migrate");
  try {
    const result = await migrate({ databaseUrl });
    const applied = result.applied.length ? `applied ${result.applied.join(", ")}` : "up to date";
    console.log(`stackyard: portal database ${applied} (${result.alreadyApplied.length} already applied)`);
  } catch (error) {
    // Only the code and message: a driver error never carries the URL, but say nothing more than needed.
    const code = error?.code ? ` (${error.code})` : "";
    fail(`migrations failed${code}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}

/** Runs `next start` as a child and passes termination signals on, so Next drains before it exits. */
function startNext(config) {
  const nextBin = createRequire(join(portalDir, "package.json")).resolve("next/dist/bin/next");
  const args = [nextBin, "start", "-H", config.host, "-p", String(config.port)];
  const child = spawn(process.execPath, args, {
    cwd: portalDir,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" },
  });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGTERM" ? 0 : 1)));
}

const config = await loadConfig();
assertBuilt();
if (config.migrateAtStart) await migrateDatabase(config.databaseUrl);
startNext(config);
