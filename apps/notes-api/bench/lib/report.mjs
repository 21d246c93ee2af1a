// Writes bench/notes-api.md at the repository root: the figures, the targets they meet or miss, the load.
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL("../../../../bench/notes-api.md", import.meta.url));
const f0 = (n) => n.toFixed(0);
const f1 = (n) => n.toFixed(1);

function verdict(row) {
  const ratio = row.ours.rps / row.peer.rps;
  const ok = ratio >= 5 && row.ours.p99Ms < row.peer.p99Ms;
  return `${f1(ratio)}x ${ok ? "met" : "**missed**"}`;
}

function table(rows) {
  const lines = [
    "| scenario | setting | connections | notes-api req/s | notes-api p99 ms | flask req/s | flask p99 ms | ratio (target ≥5x, lower p99) | non-2xx ours/peer | wrk timeouts (>2 s) ours/peer | load1 |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |",
  ];
  for (const r of rows) {
    const setting = `${r.setting} (notes-api ${r.oursWorkers}w, gunicorn ${r.peerWorkers}w)`;
    lines.push(
      `| ${r.scenario} | ${setting} | ${r.mode} | ${f0(r.ours.rps)} | ${f1(r.ours.p99Ms)} | ${f0(r.peer.rps)} | ${f1(r.peer.p99Ms)} | ${verdict(r)} | ${r.ours.non2xx}/${r.peer.non2xx} | ${r.ours.timeouts}/${r.peer.timeouts} | ${f1(r.load)} |`,
    );
  }
  return lines.join("\n");
}

export async function writeReport({ rows, memory, heapCaps, ready, loadBefore, loadAfter, seconds, reps }) {
  const best = (scenario) =>
    rows.find((r) => r.scenario === scenario && r.setting === "best" && r.mode === "keep-alive");
  const ceilingLine = (kind) => {
    const row = best(kind);
    const pct = (rps) => f0((100 * rps) / row.ceiling);
    return `- ${kind}: database ceiling ${f0(row.ceiling)} ops/s; notes-api ${f0(row.ours.rps)} req/s = ${pct(row.ours.rps)}% of it; flask ${f0(row.peer.rps)} req/s = ${pct(row.peer.rps)}%`;
  };
  const mem = memory
    .map((m) => {
      const idle = m.idle.map((p) => `${p.role} ${f0(p.rssMb)} MB`).join(", ");
      const peak = m.processes
        .map((p) => `${p.role} peak ${f0(p.peakMb)} MB (${f0(p.rssMb)} MB after)`)
        .join(", ");
      return `- ${m.setting}: idle after start: ${idle}; under load: ${peak}`;
    })
    .join("\n");
  const misses = [
    ...rows
      .filter((r) => !(r.ours.rps >= 5 * r.peer.rps && r.ours.p99Ms < r.peer.p99Ms))
      .map(
        (r) =>
          `${r.scenario} ${r.setting} ${r.mode}: ${f1(r.ours.rps / r.peer.rps)}x, p99 ${f1(r.ours.p99Ms)} vs ${f1(r.peer.p99Ms)} ms`,
      ),
    ...memory.flatMap((m) =>
      m.processes
        .filter((p) => p.peakMb >= 100)
        .map((p) => `RSS ${m.setting} ${p.role}: peak ${f0(p.peakMb)} MB`),
    ),
    ...ready
      .filter((r) => r.medianMs >= 1000)
      .map((r) => `ready WEB_CONCURRENCY=${r.workers}: median ${f0(r.medianMs)} ms`),
  ];
  const text = `# notes-api benchmark (vs the seed's Flask app)

Written by \`npm run bench -w @stackyard/notes-api\` on ${new Date().toISOString()}.
Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), shared with other tenants; wrk (-t2 -c32),
both servers and MariaDB all run on these same 2 cores, so absolute figures are low and noisy: read the ratios.
Each cell is the median of ${reps} interleaved ${seconds}-second wrk runs (notes-api, flask, then flask,
notes-api, ...). Same MariaDB, same 1,000 seeded notes, same page size (50).
Load before: \`${loadBefore}\`. Load after: \`${loadAfter}\`.

Peer: Flask + Flask-SQLAlchemy + PyMySQL on Gunicorn sync workers (Debian packages, /usr/bin/python3),
bench/peers/flask-notes. notes-api: \`node dist/main.js\` at its default LOG_LEVEL=info (one JSON log line
per request, "request completed" with method, URL, status and time, sent to /dev/null), WEB_CONCURRENCY as shown. Gunicorn sync workers close every
connection, so the "close" rows (wrk sends Connection: close) show what is left when keep-alive is taken
away from notes-api too.

## Targets missed in this run

${misses.length ? misses.map((m) => `- ${m}`).join("\n") : "- none"}

## Throughput and p99 at 32 connections

${table(rows)}

## Writes against the database's own ceiling

The ceiling is the same SQL notes-api runs per request (create: INSERT + SELECT; toggle: BEGIN, UPDATE, SELECT,
COMMIT), from one Node process over 32 mysql2 connections with no HTTP, on the same machine.

${ceilingLine("create")}
${ceilingLine("toggle")}

## Memory (RSS per notes-api process, after all the runs above; target < 100 MB)

${mem}

With a heap limit (1 worker, the same scenarios one after another, keep-alive). The first stands in for the
limit Node derives inside a 512 MB task; the second is the tightest cap that kept the process under 100 MB
without collapsing its throughput. Compare its req/s with the 1 worker keep-alive rows above:

${heapCaps
  .map(
    (c) =>
      `- NODE_OPTIONS=${c.nodeOptions}: peak ${c.processes.map((p) => `${f0(p.peakMb)} MB`).join(", ")}; ` +
      Object.entries(c.results)
        .map(([sc, r]) => `${sc} ${f0(r.rps)} req/s (p99 ${f1(r.p99Ms)} ms)`)
        .join(", "),
  )
  .join("\n")}

## Start-up (spawn to first 200 on /readyz, against a migrated database; target < 1 s)

${ready
  .map(
    (r) =>
      `- WEB_CONCURRENCY=${r.workers}: median ${f0(r.medianMs)} ms, max ${f0(r.maxMs)} ms over 5 starts; CPU time used until ready (all its processes) ${f0(r.cpuMs)} ms; load ${f1(r.load)}`,
  )
  .join("\n")}
`;
  await writeFile(OUT, text);
  return OUT;
}
