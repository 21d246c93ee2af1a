// The benchmark: notes-api vs the seed's Flask app. Ratios from one interleaved run (A B, then B A), medians
// of BENCH_REPS repetitions; the machine is shared, so absolute numbers mean little on their own.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { withCpuSplit } from "./lib/cpu.mjs";
import { dbCeiling, dropDatabases, oursUrl, peerUrl, prepareDatabases } from "./lib/db.mjs";
import { writeReport } from "./lib/report.mjs";
import {
  APP_DIR,
  dockerfileCommandArgs,
  dockerfileEnv,
  memoryOf,
  startBare,
  startFlask,
  startNotesApi,
} from "./lib/servers.mjs";
import { wrk } from "./lib/wrk.mjs";

const run = promisify(execFile);
// The last run's figures, beside the report they make (bench/ at the repository root).
const RESULTS = fileURLToPath(new URL("../../../bench/notes-api.json", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPS = Number(process.env.BENCH_REPS ?? 3);
// Unrecorded load on each side before a scenario's runs: a JIT (and the peer's caches) warm up in the first
// seconds, and without it the first of the three runs measured a server still compiling its hot paths.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONNECTIONS = 32;
const WRITES = ["create", "toggle"];
// Both notes-api settings against Gunicorn at its best, its documented 2 x cores + 1 workers. "image": as the
// Dockerfile ships it (WEB_CONCURRENCY=auto: a worker per core, 2 here; NODE_OPTIONS). "1 worker": the same
// image with WEB_CONCURRENCY=1. On a machine whose two cores also run MariaDB and wrk one worker can be the
// faster; the report judges the targets at whichever setting is faster (notes-api's best), row by row.
// The bare node:http server runs beside the image where it explains a ratio.
const KEEP_ALIVE_SCENARIOS = ["list-json", "create", "list-html", "toggle"];
const SETTINGS = [
  {
    name: "image",
    oursWorkers: dockerfileEnv().WEB_CONCURRENCY ?? "auto",
    peerWorkers: 5,
    bareWorkers: 2,
    runs: [
      {
        mode: "keep-alive",
        scenarios: KEEP_ALIVE_SCENARIOS,
        // The bare server beside notes-api, and for create also reading the row back (two round trips).
        extra: { "list-json": ["bare"], create: ["bare", "bareReadBack"] },
      },
      { mode: "close", scenarios: ["list-json", "create"] },
    ],
  },
  {
    name: "1 worker",
    oursWorkers: 1,
    peerWorkers: 5,
    runs: [
      { mode: "keep-alive", scenarios: KEEP_ALIVE_SCENARIOS },
      { mode: "close", scenarios: ["list-json", "create"] },
    ],
  },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uptime = async () => (await run("uptime")).stdout.trim();

function summary(xs) {
  return {
    rps: median(xs.map((x) => x.rps)),
    p99Ms: median(xs.map((x) => x.p99Ms)),
    errors: xs.reduce((n, x) => n + x.non2xx + x.socketErrors, 0),
    // wrk gives up on a request after 2 s and counts it as a timeout: slow, not failed by the server.
    timeouts: xs.reduce((n, x) => n + x.timeouts, 0),
    non2xx: xs.reduce((n, x) => n + x.non2xx, 0),
    cpuUs: Object.fromEntries(["server", "db", "rest"].map((k) => [k, median(xs.map((x) => x.cpuUs[k]))])),
  };
}

// The sides take turns, forwards then backwards, so drift in the machine's load hits each alike. Write
// scenarios at the best setting also sample the database's own ceiling in the same rotation.
async function measure(sides, scenario, mode, withCeiling) {
  const samples = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
  const ceiling = [];
  const close = mode === "close";
  for (const { url } of Object.values(sides)) {
    await wrk({ url, scenario, seconds: WARMUP_SECONDS, connections: CONNECTIONS, close });
  }
  for (let rep = 0; rep < REPS; rep++) {
    const order = rep % 2 === 0 ? Object.keys(sides) : Object.keys(sides).reverse();
    for (const side of order) {
      const { url, child } = sides[side];
      const load = () => wrk({ url, scenario, seconds: SECONDS, connections: CONNECTIONS, close });
      samples[side].push(await withCpuSplit(child.pid, load));
    }
    if (withCeiling) ceiling.push(await dbCeiling(scenario, SECONDS));
  }
  const result = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, summary(xs)]));
  return { ...result, ceiling: withCeiling ? median(ceiling) : undefined };
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

// What the Dockerfile's NODE_OPTIONS cost and save: one worker without them (Node sizes its heap from this
// host's memory), keep-alive, beside the 1 worker rows (which run with them).
async function withoutHeapLimits() {
  const ours = await startNotesApi({ databaseUrl: oursUrl(), port: 5161, workers: 1, nodeOptions: "" });
  try {
    const results = {};
    for (const scenario of ["list-json", "create"]) {
      results[scenario] = await wrk({
        url: ours.url,
        scenario,
        seconds: SECONDS,
        connections: CONNECTIONS,
        close: false,
      });
    }
    return { processes: memoryOf(ours.child.pid), results };
  } finally {
    await ours.stop();
  }
}

function logRow(row) {
  const side = (name, r) =>
    `${name} ${r.rps.toFixed(0)} req/s p99 ${r.p99Ms.toFixed(1)} ms (CPU µs/req: server ${r.cpuUs.server.toFixed(0)}, db ${r.cpuUs.db.toFixed(0)}, rest ${r.cpuUs.rest.toFixed(0)})`;
  console.log(
    `${row.scenario} ${row.setting} ${row.mode}: ${side("notes-api", row.ours)} | ${side("flask", row.peer)}` +
      (row.bare ? ` | ${side("bare", row.bare)}` : "") +
      (row.bareReadBack ? ` | ${side("bare reading back", row.bareReadBack)}` : "") +
      ` | ratio ${(row.ours.rps / row.peer.rps).toFixed(1)}x | errors ${row.ours.errors}/${row.peer.errors}` +
      (row.ceiling ? ` | db ceiling ${row.ceiling.toFixed(0)} ops/s` : ""),
  );
}

async function benchSetting(setting, rows, memory) {
  const ours = await startNotesApi({ databaseUrl: oursUrl(), port: 5160, workers: setting.oursWorkers });
  const idle = memoryOf(ours.child.pid);
  const peer = await startFlask({ databaseUrl: peerUrl(), port: 5170, workers: setting.peerWorkers });
  const bares = {};
  if (setting.bareWorkers) {
    const workers = setting.bareWorkers;
    bares.bare = await startBare({ databaseUrl: oursUrl(), port: 5180, workers });
    bares.bareReadBack = await startBare({ databaseUrl: oursUrl(), port: 5181, workers, readBack: true });
  }
  try {
    for (const { mode, scenarios, extra = {} } of setting.runs) {
      for (const scenario of scenarios) {
        const sides = { ours, peer };
        for (const name of extra[scenario] ?? []) sides[name] = bares[name];
        const withCeiling = setting.name === "image" && mode === "keep-alive" && WRITES.includes(scenario);
        const result = await measure(sides, scenario, mode, withCeiling);
        const row = { setting: setting.name, ...setting, mode, scenario, ...result, load: loadavg()[0] };
        rows.push(row);
        logRow(row);
      }
    }
    memory.push({ setting: setting.name, idle, processes: memoryOf(ours.child.pid) });
    const rss = memory.at(-1).processes.map((p) => `${p.role} peak ${p.peakMb.toFixed(0)} MB`);
    console.log(`rss ${setting.name}: ${rss.join(", ")}`);
  } finally {
    await ours.stop();
    await peer.stop();
    for (const bare of Object.values(bares)) await bare.stop();
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
  // Start-up first, on the machine as quiet as this run finds it. Measured last (until 2026-12-07), it had
  // the load runs' load average (3.4) behind it and took ~20 % longer than the same starts on their own.
  const ready = [await readyTimes(1), await readyTimes(2)];
  for (const r of ready)
    console.log(
      `ready (WEB_CONCURRENCY=${r.workers}): median ${r.medianMs.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms, ` +
        `CPU used until ready ${r.cpuMs.toFixed(0)} ms (load ${r.load.toFixed(1)})`,
    );
  const rows = [];
  const memory = [];
  for (const setting of SETTINGS) await benchSetting(setting, rows, memory);
  const unlimited = await withoutHeapLimits();
  console.log(
    `without NODE_OPTIONS: peak ${unlimited.processes.map((p) => `${p.peakMb.toFixed(0)} MB`).join(", ")}; ` +
      Object.entries(unlimited.results)
        .map(([sc, r]) => `${sc} ${r.rps.toFixed(0)} req/s`)
        .join(", "),
  );
  const loadAfter = await uptime();
  console.log(`machine: ${loadAfter}`);
  await dropDatabases();
  const results = {
    rows,
    memory,
    unlimited,
    ready,
    loadBefore,
    loadAfter,
    seconds: SECONDS,
    reps: REPS,
    warmupSeconds: WARMUP_SECONDS,
    dockerfile: { ...dockerfileEnv(), command: dockerfileCommandArgs() },
  };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 1)}\n`);
  console.log(`written: ${await writeReport(results)}`);
}

// `node bench/run.mjs --report`: writes notes-api.md again from the last run's figures (after editing the
// report's text), without measuring.
async function reportOnly() {
  console.log(`written: ${await writeReport(JSON.parse(await readFile(RESULTS, "utf8")))}`);
}

(process.argv.includes("--report") ? reportOnly() : main()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
