// Entry point (`npm start`, the Dockerfile's CMD): parse config, migrate under the lock, serve.
import cluster from "node:cluster";
import type { Logger } from "pino";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

const log = createLogger(
  process.env.LOG_LEVEL && /^[a-z]+$/.test(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info",
);

// A crash still leaves its reason in the log: this runs before Node prints the stack and exits 1, and pino
// writes out every pending line on exit (logger.ts).
process.on("uncaughtExceptionMonitor", (error) => log.fatal({ err: error }, "uncaught exception"));

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Both streams: stdout is the log, stderr is what a person running it by hand reads.
    log.fatal({ variable: error.variable }, `invalid configuration: ${error.message}`);
    process.stderr.write(`notes-api: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
}

async function migrateIfAsked(config: Config, logger: Logger): Promise<void> {
  if (!config.migrateOnStart) return;
  // Loaded here, not at the top: a cluster primary forks its workers before it loads mysql2.
  const { credentialSourceFor, withCredentials } = await import("./db/credentials.js");
  const { migrateWithRetry } = await import("./db/migrate.js");
  const source = credentialSourceFor(config.db);
  const applied = await migrateWithRetry(await withCredentials(config.db, source), logger, 30_000, source);
  if (applied.length) logger.info({ applied }, "migrations applied");
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = log.child({}, { level: config.logLevel });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection");
    process.exit(1);
  });
  // A cluster primary never serves, so it skips Fastify and stays small and quick to start.
  if (cluster.isWorker) {
    const { serve, listenWhenPrimaryAllows } = await import("./server.js");
    return serve(config, logger, listenWhenPrimaryAllows);
  }
  logger.info(
    { port: config.port, dbHost: config.db.host, dbName: config.db.database, workers: config.webConcurrency },
    "starting",
  );
  // The serving processes load and build the app while the migration runs; they listen only once it is
  // done (time to ready: bench/notes-api.md). Workers are forked first, so they start loading at once.
  if (config.webConcurrency > 1) {
    const workers = (await import("./primary.js")).superviseWorkers(config, logger);
    await migrateIfAsked(config, logger);
    return workers.allowListening();
  }
  const migrated = migrateIfAsked(config, logger);
  // Handled by serve() once the app is built; until then a failure must not count as unhandled.
  migrated.catch(() => undefined);
  return (await import("./server.js")).serve(config, logger, () => migrated);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
