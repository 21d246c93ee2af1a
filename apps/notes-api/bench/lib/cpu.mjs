// Where the CPU went during one load run: the server's processes, MariaDB, and everything else on the
// machine (wrk, other tenants), per request. The machine's two cores are shared by all three, so a server
// that needs less of them per request leaves more to the database and the load generator.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cpuMsOf } from "./servers.mjs";

function mariadbPid() {
  const dir = process.env.STACKYARD_DATA_DIR;
  try {
    return dir ? Number(readFileSync(join(dir, "mariadb", "mysqld.pid"), "utf8").trim()) : undefined;
  } catch {
    return undefined;
  }
}

/** Busy CPU time of the whole machine (all cores) in ms, from /proc/stat (user, nice, system, irq, softirq, steal). */
function machineBusyMs() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * 10;
}

function sample(serverPid, dbPid) {
  return { server: cpuMsOf(serverPid), db: dbPid ? cpuMsOf(dbPid) : Number.NaN, machine: machineBusyMs() };
}

/** Runs `load` (resolving to a wrk result) and adds the CPU microseconds per request of each group. */
export async function withCpuSplit(serverPid, load) {
  const dbPid = mariadbPid();
  const before = sample(serverPid, dbPid);
  const result = await load();
  const after = sample(serverPid, dbPid);
  const perRequest = (ms) => (ms * 1000) / Math.max(1, result.requests);
  const server = after.server - before.server;
  const db = after.db - before.db;
  const rest = after.machine - before.machine - server - (Number.isNaN(db) ? 0 : db);
  return { ...result, cpuUs: { server: perRequest(server), db: perRequest(db), rest: perRequest(rest) } };
}
