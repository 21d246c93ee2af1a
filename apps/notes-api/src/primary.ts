// WEB_CONCURRENCY > 1: this process only supervises; workers share the port through node:cluster.
// Migrations run here, once: workers start at the same time and build their app, but listen only when the
// primary allows it, after the migration (a failed migration exits the primary, and its workers with it).
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { LISTEN, READY_TO_LISTEN } from "./primary-messages.js";

export interface Workers {
  /** The migration is done: workers waiting to listen may, and later ones need not wait. */
  allowListening(): void;
}

export function superviseWorkers(config: Config, log: Logger): Workers {
  let stopping = false;
  let unclean = false;
  let listeningAllowed = false;
  const waiting = new Set<Worker>();
  // A replacement scheduled just before SIGTERM must not start: nobody would stop it.
  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork();
    worker.on("message", (message: unknown) => {
      if (message !== READY_TO_LISTEN) return;
      if (listeningAllowed) worker.send(LISTEN);
      else waiting.add(worker);
    });
  };
  for (let i = 0; i < config.webConcurrency; i++) fork();

  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) {
      // The task's exit code should say whether every worker drained cleanly.
      if (code !== 0) unclean = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info({ unclean }, "all workers stopped");
        process.exit(unclean ? 1 : 0);
      }
      return;
    }
    // A crashed worker is replaced after a pause, so a crash loop cannot spin a core.
    log.error({ workerPid: worker.process.pid, code, signal }, "worker died; starting a new one");
    setTimeout(fork, 1000);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping workers");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => {
      log.error("workers did not stop in time");
      process.exit(1);
    }, config.shutdownTimeoutMs + 1000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  return {
    allowListening() {
      listeningAllowed = true;
      for (const worker of waiting) if (worker.isConnected()) worker.send(LISTEN);
      waiting.clear();
    },
  };
}
