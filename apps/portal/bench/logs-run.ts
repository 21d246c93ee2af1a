// The log panel's benchmark (issue 14): log line to browser latency locally with 20 viewers (target
// p95 <= 1 s) against viewers polling every second, and CloudWatch Logs calls per poll interval with 20
// viewers (target 1) against one tail per viewer, measured in the same run. Prints one line per figure.
// Run: npm run bench -w @stackyard/portal -- logs (bench/bench.sh loads the services' env).
import { loadavg } from "node:os";
import { deleteEnvironment } from "../src/server/environments/delete";
import { startHarness } from "./harness";
import { measureHub, measurePerViewerTails } from "./logs-cloudwatch";
import { type LogDesign, launchLocal, measureLogPhase } from "./logs-local";
import { summarize } from "./stats";

const config = {
  viewers: Number(process.env.BENCH_LOG_VIEWERS ?? 20),
  requests: Number(process.env.BENCH_LOG_REQUESTS ?? 20),
  rounds: Number(process.env.BENCH_LOG_ROUNDS ?? 2),
  cloudWatchWindowMs: Number(process.env.BENCH_LOG_WINDOW_MS ?? 15_000),
  /** AwsLogReader's default FilterLogEvents interval. */
  pollMs: 3_000,
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  if (!process.env.MARIADB_ADMIN_URL)
    throw new Error("MARIADB_ADMIN_URL is not set: run through bench/bench.sh");
  console.error(`log panel benchmark: ${JSON.stringify(config)}, load ${load()}`);
  const harness = await startHarness(config.pollMs);
  const environment = await launchLocal(harness);
  try {
    const samples: Record<LogDesign, number[]> = { stream: [], "poll-1s": [] };
    for (let round = 0; round < config.rounds; round++) {
      const order: LogDesign[] = round % 2 === 0 ? ["stream", "poll-1s"] : ["poll-1s", "stream"];
      for (const design of order) {
        const latencies = await measureLogPhase(
          harness,
          environment,
          design,
          config.viewers,
          config.requests,
          `${design}-${round}`,
        );
        samples[design].push(...latencies);
        console.error(`  round ${round + 1} ${design}: ${latencies.length} samples, load ${load()}`);
      }
    }
    for (const design of ["stream", "poll-1s"] as const) {
      const s = summarize(samples[design]);
      console.log(
        `logs local ${design} (${config.viewers} viewers): line->browser p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (n=${s.n})`,
      );
    }
    // Live Tail first: once refused (the polling phase), a reader polls for 10 minutes before trying again.
    const liveTail = await measureHub(harness, config.viewers, config.cloudWatchWindowMs, true);
    const polling = await measureHub(harness, config.viewers, config.cloudWatchWindowMs, false);
    const perViewer = await measurePerViewerTails(config.viewers, config.cloudWatchWindowMs);
    const perInterval = (calls: number, windowMs: number) => (calls / (windowMs / config.pollMs)).toFixed(2);
    console.log(
      `logs aws polling (${config.viewers} viewers): FilterLogEvents per ${config.pollMs / 1000} s interval ${perInterval(polling.filterLogEvents, polling.windowMs)} (hub) vs ${perInterval(perViewer.filterLogEvents, perViewer.windowMs)} (one tail per viewer); lines per viewer ${Math.min(...polling.linesPerViewer)}-${Math.max(...polling.linesPerViewer)}`,
    );
    console.log(
      `logs aws live tail (${config.viewers} viewers): StartLiveTail sessions ${liveTail.startLiveTail}, FilterLogEvents ${liveTail.filterLogEvents} in ${(liveTail.windowMs / 1000).toFixed(0)} s; lines per viewer ${Math.min(...liveTail.linesPerViewer)}-${Math.max(...liveTail.linesPerViewer)}`,
    );
    console.log(`logs load average after: ${load()}`);
  } finally {
    const removal = await deleteEnvironment(harness.prisma, environment.environmentId, harness.engine);
    if (!removal.removedDraft) {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const operation = await harness.prisma.operation.findUniqueOrThrow({
          where: { id: removal.operationId },
        });
        if (!["pending", "running"].includes(operation.status)) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await harness.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
