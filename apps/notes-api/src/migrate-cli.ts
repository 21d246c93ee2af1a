// `npm run migrate`: apply migrations and exit, for operators who want them outside a task start.
import { loadConfig } from "./config.js";
import { credentialSourceFor, withCredentials } from "./db/credentials.js";
import { migrate } from "./db/migrate.js";
import { createLogger } from "./logger.js";

const log = createLogger(process.env.LOG_LEVEL ?? "info");
try {
  const config = loadConfig(process.env);
  const applied = await migrate(await withCredentials(config.db, credentialSourceFor(config.db)), log);
  log.info({ applied }, applied.length ? "migrations applied" : "database already up to date");
} catch (error) {
  log.fatal({ err: error }, "migration failed");
  process.exitCode = 1;
}
