// Benchmark: render + check of the default spec in-process, against the aws-cdk-lib peer synthesising the
// same architecture, interleaved (A B A B) in one run because these machines are shared and noisy.
// Prints one line per figure and writes them to bench/templates.md at the repository root.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkTemplate, defaultSpec, renderTemplate } from "../dist/index.js";
import { synthesizeCdkPeer } from "./cdk-peer.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const OURS_PER_ROUND = 40;
const PEER_PER_ROUND = 2;

const time = (fn) => {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const spec = defaultSpec();
const renderOnly = [];
const renderAndCheck = [];
const peer = [];
let resourcesOurs = 0;
let resourcesPeer = 0;

// Warm up both sides (JIT, module loading) before measuring.
for (let i = 0; i < 20; i += 1) checkTemplate(renderTemplate(spec).template);
synthesizeCdkPeer();

const loadBefore = loadavg()[0];
for (let round = 0; round < ROUNDS; round += 1) {
  for (let i = 0; i < OURS_PER_ROUND; i += 1) {
    renderOnly.push(time(() => renderTemplate(spec)).ms);
    const both = time(() => checkTemplate(renderTemplate(spec).template));
    renderAndCheck.push(both.ms);
  }
  for (let i = 0; i < PEER_PER_ROUND; i += 1) {
    const { ms, result } = time(synthesizeCdkPeer);
    peer.push(ms);
    resourcesPeer = Object.keys(result.Resources).length;
  }
}
resourcesOurs = Object.keys(renderTemplate(spec).template.Resources).length;
const loadAfter = loadavg()[0];

const fmt = (ms) => `${ms.toFixed(2)} ms`;
const oursP50 = percentile(renderAndCheck, 50);
const peerP50 = percentile(peer, 50);
const lines = [
  `templates render p50: ${fmt(percentile(renderOnly, 50))} (p10 ${fmt(percentile(renderOnly, 10))}, p90 ${fmt(percentile(renderOnly, 90))}, n=${renderOnly.length})`,
  `templates render+check p50: ${fmt(oursP50)} (p10 ${fmt(percentile(renderAndCheck, 10))}, p90 ${fmt(percentile(renderAndCheck, 90))}, n=${renderAndCheck.length}; target <= 5 ms)`,
  `aws-cdk-lib peer synth p50: ${fmt(peerP50)} (p10 ${fmt(percentile(peer, 10))}, p90 ${fmt(percentile(peer, 90))}, n=${peer.length})`,
  `ratio peer synth / templates render+check (p50): ${(peerP50 / oursP50).toFixed(0)}x`,
  `resources: templates ${resourcesOurs}, cdk peer ${resourcesPeer}`,
];
for (const line of lines) console.log(line);

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${loadBefore.toFixed(2)} before / ${loadAfter.toFixed(2)} after, Node ${process.version}`;
const markdown = `# packages/templates benchmark

\`npm run bench -w @stackyard/templates\` (packages/templates/bench/render-check.bench.mjs), last run ${new Date().toISOString().slice(0, 10)}.

What is measured: rendering the default spec to a CloudFormation template (object + JSON + YAML text) and
running \`checkTemplate\` over it, in-process, against an aws-cdk-lib peer (packages/templates/bench/cdk-peer.mjs)
synthesising the same architecture with L2 constructs (ec2.Vpc, ecs.FargateService + internal ALB,
rds.DatabaseInstance, nginx and bastion instances). The two sides are interleaved in ${ROUNDS} rounds
(${OURS_PER_ROUND} renders, then ${PEER_PER_ROUND} syntheses) after a warm-up; medians are quoted because the
machine is shared. Compare the ratio, not the absolute times. On a loaded 2-core machine a task of a few
milliseconds is often preempted mid-run, so our p50 swings between runs (2.7 ms and 7.6 ms were both seen at
load 9-13); p10 is the better estimate of the in-process cost itself.

Machine: ${machine}.

| figure | value |
| --- | --- |
${lines.map((line) => `| ${line.split(": ")[0]} | ${line.split(": ").slice(1).join(": ")} |`).join("\n")}

Notes: the peer's synth includes CDK's file output (cloud assembly in a temp dir) and the CloudFormation
validator aws-cdk-lib runs at synth by default; both are part of what synthesising costs there. Ours does not
include the slower test-time validation (resource schemas, CfnInclude, cdk-nag). The peer is not a byte-for-byte twin: CDK adds its own resources (custom resources for
log retention, default security-group rules) and lacks the user data and cdk-nag metadata.
`;
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
writeFileSync(join(root, "bench/templates.md"), markdown);
console.log(`written to ${join(root, "bench/templates.md")}`);
