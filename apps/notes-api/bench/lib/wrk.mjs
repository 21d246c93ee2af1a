// Runs wrk and reads the two figures we compare: requests/s and the p99 latency.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPTS = fileURLToPath(new URL("../wrk/", import.meta.url));

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function parseWrk(output) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(output);
  const p99Ms = p99 ? Number(p99[1]) * UNIT_MS[p99[2]] : Number.NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const timeouts = socket ? Number(socket[4]) : 0;
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  return { rps, p99Ms, non2xx, socketErrors, timeouts, requests };
}

export async function wrk({ url, scenario, seconds, connections, close }) {
  const args = ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", `${SCRIPTS}${scenario}.lua`];
  if (close) args.push("-H", "Connection: close");
  const { stdout } = await run("wrk", [...args, url], { maxBuffer: 1 << 20 });
  return parseWrk(stdout);
}
