// One serving process: pool + app + listen, and the SIGTERM drain that Fargate's stop sequence expects.
import cluster from "node:cluster";
import type { FastifyListenOptions } from "fastify";
import type { Logger } from "pino";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import { credentialSourceFor, withCredentials } from "./db/credentials.js";
import { createDbPool } from "./db/pool.js";
import { LISTEN, READY_TO_LISTEN } from "./primary-messages.js";
import type { Lifecycle } from "./routes/health.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A cluster worker builds its app while the primary migrates, then asks to listen: the primary answers once
 * the migration is done (primary.ts), so no request ever meets an old schema.
 */
export function listenWhenPrimaryAllows(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== LISTEN) return;
      process.off("message", onMessage);
      resolve();
    };
    process.on("message", onMessage);
    process.send?.(READY_TO_LISTEN);
  });
}

/**
 * A cluster worker on Linux binds the port itself with SO_REUSEPORT (`exclusive` keeps node:cluster's
 * primary out of it), and the kernel spreads new connections over the workers' sockets. Otherwise the
 * primary accepts every connection and hands it to a worker over IPC: about 130 µs of CPU per connection,
 * nearly half of what a list request costs (list with Connection: close, 2.2x the peer with the hand-off,
 * 2.6x without it, side by side: bench/notes-api-profile.md). Node has `reusePort` since 22.12 (our engines);
 * elsewhere (macOS) workers keep the primary's round-robin. The kernel refuses to share the port with a
 * socket that did not ask for SO_REUSEPORT, or with another user's, so a port already taken still fails.
 */
export function listenOptions(
  config: Pick<Config, "port" | "host">,
  { worker = cluster.isWorker, platform = process.platform } = {},
): FastifyListenOptions {
  const own = { port: config.port, host: config.host };
  if (!worker || platform !== "linux") return own;
  // @types/node 20 does not know reusePort yet; Fastify passes the options to net.Server#listen as they are.
  return { ...own, exclusive: true, reusePort: true } as FastifyListenOptions;
}

/** Builds the pool and the app, waits for `mayListen` (the migration), listens, and drains on SIGTERM. */
export async function serve(config: Config, log: Logger, mayListen: () => Promise<void>): Promise<void> {
  // A secret source (DB_SECRET_ARN, DB_SECRET_FILE) is read here and again whenever MySQL refuses it.
  const source = credentialSourceFor(config.db);
  const pool = createDbPool(await withCredentials(config.db, source), source);
  const lifecycle: Lifecycle = { draining: false };
  const app = await buildApp({ config, pool, logger: log, lifecycle });
  await app.ready();
  await mayListen();
  await app.listen(listenOptions(config));
  // Cold-start time in the logs, so a slow task start shows up in CloudWatch without a profiler.
  log.info({ startupMs: Math.round(process.uptime() * 1000) }, "serving");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Fargate sends SIGKILL 30 s after SIGTERM; give up on stragglers before that so we exit on our terms.
    setTimeout(() => {
      log.error({ signal }, "shutdown took too long; exiting with requests still open");
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    log.info({ signal, delayMs: config.shutdownDelayMs }, "draining: readiness now 503");
    lifecycle.draining = true;
    // Keep serving briefly so the load balancer sees readiness fail and stops routing here first.
    await sleep(config.shutdownDelayMs);
    await app.close(); // stops accepting, lets in-flight requests finish, closes idle keep-alive sockets
    await pool.end();
    log.info("stopped cleanly");
    // Explicit exit: a cluster worker's IPC channel would otherwise keep the process alive.
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
