// WEB_CONCURRENCY > 1: this process only supervises; workers share the port through node:cluster.
// Migrations already ran here, once, before any worker starts.
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import type { Config } from "./config.js";

export function superviseWorkers(config: Config, log: Logger): void {
  let stopping = false;
  let unclean = false;
  // A replacement scheduled just before SIGTERM must not start: nobody would stop it.
  const fork = () => {
    if (!stopping) cluster.fork();
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
}
