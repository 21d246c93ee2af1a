// The benchmark: notes-api vs the seed's Flask app. Ratios from one interleaved run (A B, then B A), medians
// of BENCH_REPS repetitions; the machine is shared, so absolute numbers mean little on their own.
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import { promisify } from "node:util";
import { dbCeiling, dropDatabases, oursUrl, peerUrl, prepareDatabases } from "./lib/db.mjs";
import { writeReport } from "./lib/report.mjs";
import { APP_DIR, memoryOf, startFlask, startNotesApi } from "./lib/servers.mjs";
import { wrk } from "./lib/wrk.mjs";

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const CONNECTIONS = 32;
const SCENARIOS = ["list-html", "list-json", "create", "toggle"];
const WRITES = ["create", "toggle"];
const SETTINGS = [
  { name: "best", oursWorkers: 2, peerWorkers: 5, modes: ["keep-alive", "close"] },
  { name: "1 worker", oursWorkers: 1, peerWorkers: 1, modes: ["keep-alive"] },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uptime = async () => (await run("uptime")).stdout.trim();

// Write scenarios at the best setting also sample the database's own ceiling in the same rotation, so the
// "how close to the database" figure is taken under the same machine conditions as the HTTP figures.
async function measurePair(ours, peer, scenario, mode, withCeiling) {
  const samples = { ours: [], peer: [], ceiling: [] };
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? ["ours", "peer"] : ["peer", "ours"];
    for (const side of order) {
      const url = side === "ours" ? ours.url : peer.url;
      samples[side].push(
        await wrk({ url, scenario, seconds: SECONDS, connections: CONNECTIONS, close: mode === "close" }),
      );
    }
    if (withCeiling) samples.ceiling.push(await dbCeiling(scenario, SECONDS));
  }
  const summary = (xs) => ({
    rps: median(xs.map((x) => x.rps)),
    p99Ms: median(xs.map((x) => x.p99Ms)),
    errors: xs.reduce((n, x) => n + x.non2xx + x.socketErrors, 0),
    // wrk gives up on a request after 2 s and counts it as a timeout: slow, not failed by the server.
    timeouts: xs.reduce((n, x) => n + x.timeouts, 0),
    non2xx: xs.reduce((n, x) => n + x.non2xx, 0),
  });
  const ceiling = withCeiling ? median(samples.ceiling) : undefined;
  return { ours: summary(samples.ours), peer: summary(samples.peer), ceiling };
}

// Wall time to ready depends on how much CPU other tenants leave us; CPU time to ready does much less.
async function readyTimes(workers, times = 5) {
  const ms = [];
  const cpu = [];
  for (let i = 0; i < times; i++) {
    const server = await startNotesApi({ databaseUrl: oursUrl(), port: 5162, workers });
    ms.push(server.readyMs);
    cpu.push(server.readyCpuMs);
    await server.stop();
  }
  return { workers, medianMs: median(ms), maxMs: Math.max(...ms), cpuMs: median(cpu), load: loadavg()[0] };
}

// This host has 24 GB and no memory limit, so V8 lets garbage pile up before collecting. In a Fargate task
// Node sizes its heap from the cgroup limit; --max-old-space-size=256 stands in for a 512 MB task here. The
// tight cap is the smallest that kept a process under 100 MB without its throughput collapsing (48 MB did
// collapse it): it shows what the memory target would cost.
const HEAP_CAPS = ["--max-old-space-size=256", "--max-old-space-size=64 --max-semi-space-size=4"];

async function memoryWithHeapCap(nodeOptions) {
  const ours = await startNotesApi({ databaseUrl: oursUrl(), port: 5161, workers: 1, nodeOptions });
  try {
    const results = {};
    for (const scenario of SCENARIOS) {
      results[scenario] = await wrk({
        url: ours.url,
        scenario,
        seconds: SECONDS,
        connections: CONNECTIONS,
        close: false,
      });
    }
    return { nodeOptions, processes: memoryOf(ours.child.pid), results };
  } finally {
    await ours.stop();
  }
}

async function main() {
  const loadBefore = await uptime();
  console.log(`machine: ${loadBefore}`);
  await prepareDatabases((url) =>
    run(process.execPath, ["dist/migrate-cli.js"], {
      cwd: APP_DIR,
      env: { PATH: process.env.PATH, DATABASE_URL: url },
    }),
  );
  const rows = [];
  const memory = [];
  for (const setting of SETTINGS) {
    const ours = await startNotesApi({ databaseUrl: oursUrl(), port: 5160, workers: setting.oursWorkers });
    const idle = memoryOf(ours.child.pid);
    const peer = await startFlask({ databaseUrl: peerUrl(), port: 5170, workers: setting.peerWorkers });
    try {
      for (const mode of setting.modes) {
        for (const scenario of SCENARIOS) {
          const withCeiling = setting.name === "best" && mode === "keep-alive" && WRITES.includes(scenario);
          const result = await measurePair(ours, peer, scenario, mode, withCeiling);
          const row = { setting: setting.name, ...setting, mode, scenario, ...result, load: loadavg()[0] };
          rows.push(row);
          console.log(
            `${scenario} ${setting.name} ${mode}: notes-api ${result.ours.rps.toFixed(0)} req/s p99 ${result.ours.p99Ms.toFixed(1)} ms | ` +
              `flask ${result.peer.rps.toFixed(0)} req/s p99 ${result.peer.p99Ms.toFixed(1)} ms | ` +
              `ratio ${(result.ours.rps / result.peer.rps).toFixed(1)}x | errors ${result.ours.errors}/${result.peer.errors}` +
              (result.ceiling ? ` | db ceiling ${result.ceiling.toFixed(0)} ops/s` : ""),
          );
        }
      }
      memory.push({ setting: setting.name, idle, processes: memoryOf(ours.child.pid) });
      console.log(
        `rss ${setting.name}: ${memory
          .at(-1)
          .processes.map((p) => `${p.role} peak ${p.peakMb.toFixed(0)} MB`)
          .join(", ")}`,
      );
    } finally {
      await ours.stop();
      await peer.stop();
    }
  }
  const heapCaps = [];
  for (const nodeOptions of HEAP_CAPS) {
    const capped = await memoryWithHeapCap(nodeOptions);
    heapCaps.push(capped);
    console.log(
      `rss with NODE_OPTIONS=${nodeOptions}: ${capped.processes.map((p) => `peak ${p.peakMb.toFixed(0)} MB`).join(", ")}; ` +
        SCENARIOS.map((sc) => `${sc} ${capped.results[sc].rps.toFixed(0)} req/s`).join(", "),
    );
  }
  const ready = [await readyTimes(1), await readyTimes(2)];
  for (const r of ready)
    console.log(
      `ready (WEB_CONCURRENCY=${r.workers}): median ${r.medianMs.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms, ` +
        `CPU used until ready ${r.cpuMs.toFixed(0)} ms (load ${r.load.toFixed(1)})`,
    );
  const loadAfter = await uptime();
  console.log(`machine: ${loadAfter}`);
  await dropDatabases();
  const file = await writeReport({
    rows,
    memory,
    heapCaps,
    ready,
    loadBefore,
    loadAfter,
    seconds: SECONDS,
    reps: REPS,
  });
  console.log(`written: ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
