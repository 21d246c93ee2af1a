// bench/deploy-engine.md at the repository root, rewritten by each run: method, figures, machine.
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@stackyard/deploy/local";
import type { Figure } from "./figures";

interface Config {
  intervalMs: number;
  events: number;
  subscribers: number;
  rounds: number;
  launches: number;
}

const method = (c: Config) => `## Method

Everything above the AWS SDK is the portal's own code: \`events.onEvents\` and \`events.list\` served by the
same tRPC fetch handler, router and context as \`src/app/api/trpc/[trpc]/route.ts\` (over node:http in the
benchmark's process instead of Next.js), a signed-in session cookie, the deploy engine and tracker as
\`src/server/deploy/index.ts\` builds them, Prisma on a scratch database of the test MariaDB.
CloudFormation is replaced at the SDK boundary (aws-sdk-client-mock): a new stack event becomes visible to
DescribeStackEvents at a recorded moment, and calls are counted per stack.

- **Latency**: ${c.subscribers} browsers watch one stack while new events appear at random moments (gaps of
  0.5-1.5 poll intervals, so they land at every phase of a poller's cycle). Latency is from the moment the
  fake starts returning the event to the moment a browser has parsed it. The AWS poll interval is
  **${c.intervalMs} ms** (BENCH_INTERVAL_MS; the portal's default for AWS is 5000 ms), so the target is
  max <= ${c.intervalMs + 250} ms. The browsers run in the server's process: their parsing shares its
  event loop, which can only make the figures worse.
  - *portal*: one SSE subscription per browser (fetch + event-stream parsing, as httpSubscriptionLink does);
    one tracker polls CloudFormation, stores the events, and notifies the subscriptions.
  - *peer, polls events.list*: each browser polls \`events.list\` (the database, fed by the tracker) every
    interval from a random phase: the design without the push.
  - *peer, portal asks CloudFormation*: each browser polls a list procedure that calls DescribeStackEvents
    itself (same driver, same auth): the design without tracker, lease or event table.
  The designs are measured one at a time, ${c.rounds} rounds interleaved (A B C, then C B A), ${c.events}
  events per design in all, so no design's load slows another's.
- **Where the time goes**: per event, from visible to the first DescribeStackEvents call that returned it
  (the tracker's read for the portal and the events.list peer; the first browser's own request for the
  CloudFormation-polling peer), then from that read to the first and to the last browser that received it.
- **Calls per interval**: DescribeStackEvents calls on the watched stack during the same phases, divided by
  the number of intervals in the window; the portal's stack is tracked by **two** trackers (two lease owners,
  as two portal replicas would be; the browsers are all on the first). Target 1 (met up to 1.05: a poll
  can straddle the window's edges).
- **Launch**: the default spec (\`defaultSpec()\`, what \`stackyard-templates example\` prints) launched on
  the local sandbox through \`launchEnvironment\` and the engine, timed from the call to the moment an SSE
  browser receives the first event and the stack's CREATE_COMPLETE; then deleted through
  \`deleteEnvironment\` and timed to the delete operation's success. ${c.launches} runs. There is no natural peer
  for this figure: the machine load before and after is given instead.
`;

export function writeReport(figures: Figure[], config: Config): string {
  const cpu = cpus();
  const markdown = `# Deploy engine benchmark (issue 6)

\`npm run bench -w @stackyard/portal\` (apps/portal/bench/run.ts), last run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.
Machine: ${cpu.length} cores (${cpu[0]?.model ?? "?"}), Node ${process.version}. These machines are shared:
compare the designs with each other, not with runs on another day.

| figure | value |
| --- | --- |
${figures.map((f) => `| ${f.name} | ${f.value.replaceAll("|", "\\|")} |`).join("\n")}

${method(config)}`;
  const path = join(findRepoRoot(), "bench", "deploy-engine.md");
  writeFileSync(path, markdown);
  return path;
}
