// Entry point (`npm start`, the Dockerfile's CMD): parse config, migrate under the lock, serve.
import cluster from "node:cluster";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { credentialSourceFor, withCredentials } from "./db/credentials.js";
import { migrateWithRetry } from "./db/migrate.js";
import { createLogger } from "./logger.js";

const log = createLogger(
  process.env.LOG_LEVEL && /^[a-z]+$/.test(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info",
);

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

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = log.child({}, { level: config.logLevel });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection");
    process.exit(1);
  });
  // Loaded on demand: a cluster primary never serves, so it skips Fastify and stays small and quick to start.
  // A serving process starts loading it now, overlapping module compilation with the migration round trips.
  const serving = cluster.isWorker || config.webConcurrency === 1 ? import("./server.js") : undefined;
  const serve = async () => (await (serving ?? import("./server.js"))).serve(config, logger);
  if (cluster.isWorker) return serve();
  logger.info(
    { port: config.port, dbHost: config.db.host, dbName: config.db.database, workers: config.webConcurrency },
    "starting",
  );
  if (config.migrateOnStart) {
    const source = credentialSourceFor(config.db);
    const applied = await migrateWithRetry(await withCredentials(config.db, source), logger, 30_000, source);
    if (applied.length) logger.info({ applied }, "migrations applied");
  }
  if (config.webConcurrency > 1) return (await import("./primary.js")).superviseWorkers(config, logger);
  return serve();
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
