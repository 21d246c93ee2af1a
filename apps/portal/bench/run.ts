// The deploy engine's benchmark (issue 6): event-to-browser latency and CloudFormation calls per interval
// against two peers, measured in the same run, and launch time of the default spec on the local sandbox.
// Prints one line per figure and writes bench/deploy-engine.md. Needs the test instance's services env
// (scripts/bench.sh or bench/bench.sh load it). Not part of npm test.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { defaultInterval } from "@stackyard/deploy";
import { FakeCloudFormation } from "./cloudformation-mock";
import { type Figure, latencyFigures, launchFigures } from "./figures";
import { startHarness } from "./harness";
import {
  type DesignName,
  launchTrackedStack,
  measurePhase,
  type PhaseResult,
  secondReplica,
} from "./latency";
import { type LaunchRun, launchOnce } from "./launch";
import { writeReport } from "./report";

const config = {
  // The portal's own AWS poll interval unless told otherwise.
  intervalMs: Number(process.env.BENCH_INTERVAL_MS ?? defaultInterval("aws")),
  events: Number(process.env.BENCH_EVENTS ?? 50),
  subscribers: Number(process.env.BENCH_SUBSCRIBERS ?? 100),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  launches: Number(process.env.BENCH_LAUNCHES ?? 3),
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function latencyRounds(harness: Awaited<ReturnType<typeof startHarness>>): Promise<PhaseResult[]> {
  const fake = new FakeCloudFormation();
  const setup = { harness, fake, intervalMs: config.intervalMs, subscribers: config.subscribers };
  const tracked = await launchTrackedStack(harness, `bench-engine-${randomUUID().slice(0, 8)}`);
  const replica = secondReplica(harness, tracked.operationId, config.intervalMs);
  const naiveStack = `bench-naive-${randomUUID().slice(0, 8)}`;
  fake.addEvent(naiveStack, naiveStack, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS");
  const phases: PhaseResult[] = [];
  const perPhase = Math.ceil(config.events / config.rounds);
  try {
    for (let round = 0; round < config.rounds; round++) {
      const order: DesignName[] = ["engine", "poll-list", "poll-aws"];
      if (round % 2 === 1) order.reverse();
      for (const design of order) {
        const phase = await measurePhase(setup, design, tracked, naiveStack, perPhase, `${design}${round}`);
        console.error(`  round ${round + 1} ${design}: ${phase.latenciesMs.length} samples, load ${load()}`);
        phases.push(phase);
      }
    }
  } finally {
    fake.complete(tracked.stackName);
    await replica.stop();
    fake.restore();
  }
  return phases;
}

async function launchRuns(harness: Awaited<ReturnType<typeof startHarness>>): Promise<LaunchRun[]> {
  const runs: LaunchRun[] = [];
  for (let run = 0; run < config.launches; run++) {
    runs.push(await launchOnce(harness, run));
    console.error(`  launch ${run + 1}: ${(runs.at(-1)?.completeMs ?? 0).toFixed(0)} ms, load ${load()}`);
  }
  return runs;
}

async function main() {
  if (!process.env.MARIADB_ADMIN_URL)
    throw new Error("MARIADB_ADMIN_URL is not set: run through bench/bench.sh");
  const loadBefore = load();
  console.error(`deploy engine benchmark: ${JSON.stringify(config)}, load ${loadBefore}`);
  const harness = await startHarness(config.intervalMs);
  let figures: Figure[] = [];
  const loadMiddle = { before: "", after: "" };
  try {
    const phases = await latencyRounds(harness);
    figures = latencyFigures(phases, config.intervalMs, perDesign(config));
    loadMiddle.before = load();
    figures.push(...launchFigures(await launchRuns(harness)));
    loadMiddle.after = load();
  } finally {
    await harness.close();
  }
  const loadAfter = load();
  figures.push({
    name: "machine load (1/5/15 min)",
    value: `${loadBefore} at start; ${loadMiddle.before} before launches, ${loadMiddle.after} after; ${loadAfter} at end`,
  });
  for (const figure of figures) console.log(`${figure.name}: ${figure.value}`);
  console.log(`written to ${writeReport(figures, config)}`);
}

const perDesign = (c: typeof config) => Math.ceil(c.events / c.rounds) * c.rounds;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
