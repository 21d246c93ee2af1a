// stackyard: launch, follow, inspect and delete environments through a portal's API.
// Exit codes: 0 done (the stack reached *_COMPLETE), 1 the operation or the portal failed, 2 bad input.
// Every error is one line on stderr; no stack trace reaches the user.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { parseEnvironmentSpec } from "@stackyard/templates";
import { parse as parseYaml } from "yaml";
import { CliError, Portal } from "./portal.js";

export const USAGE = `usage: stackyard <command> [options]

  status NAME [--json]                         the environment's status, target, region and app URL
  deploy --spec FILE [--target local|aws] --yes
                                               launch a new environment from FILE (JSON or YAML) and
                                               follow its events until the stack completes or fails
  delete NAME --yes                            delete the environment and follow until it is gone

Environment: STACKYARD_URL (the portal, e.g. http://127.0.0.1:3000) and STACKYARD_TOKEN (a personal
API token, made on the portal's API tokens page).
Exit codes: 0 done, 1 failed, 2 bad input.
`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** How long to wait between polls while following (default 2 s). */
  pollMs?: number;
  /** Aborted when the user presses Ctrl-C: following stops, the deployment goes on. */
  interrupted?: AbortSignal;
}

interface EnvironmentRow {
  id: string;
  name: string;
  target: string;
  region: string;
  status: string;
  appUrl: string | null;
  monthlyCostUsd: number | null;
  updatedAt: Date;
  lastOperation: { kind: string; status: string; createdAt: Date; finishedAt: Date | null } | null;
}

interface EnvironmentDetail {
  id: string;
  name: string;
  status: string;
  operations: { id: string; kind: string; status: string; errorMessage: string | null }[];
}

interface EventView {
  id: string;
  logicalResourceId: string;
  resourceType: string;
  resourceStatus: string;
  resourceStatusReason: string | null;
  timestamp: Date;
}

const BUSY = new Set(["pending", "creating", "updating", "deleting"]);

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`stackyard: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`stackyard: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages are one line already ("Unknown option '--x'"); keep only the first sentence.
    throw new CliError(`${(error as Error).message.split(". ")[0]} (see stackyard --help)`, 2);
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case "status": {
      const { values, positionals } = parse(rest, { json: { type: "boolean" } });
      const name = onlyName(positionals, "status");
      const row = await findByName(portalFrom(io), name);
      io.stdout(values.json ? `${JSON.stringify(row, null, 2)}\n` : `${statusLine(row)}\n`);
      return 0;
    }
    case "deploy": {
      const { values, positionals } = parse(rest, {
        spec: { type: "string" },
        target: { type: "string", default: "local" },
        yes: { type: "boolean" },
      });
      if (positionals.length) throw new CliError(`deploy takes no argument: ${positionals[0]}`, 2);
      if (!values.spec) throw new CliError("deploy needs --spec FILE", 2);
      const target = String(values.target);
      if (target !== "local" && target !== "aws") throw new CliError("--target must be local or aws", 2);
      const spec = await loadSpec(String(values.spec));
      if (!values.yes) throw new CliError("deploy changes infrastructure: pass --yes to go ahead", 2);
      const portal = portalFrom(io);
      const launched = await portal.mutate<{ environmentId: string }>("environments.launch", {
        target,
        spec,
        clientRequestToken: randomUUID(),
      });
      io.stdout(`launched ${spec.name} (${launched.environmentId}) on ${target}\n`);
      return follow(portal, launched.environmentId, io, "live");
    }
    case "delete": {
      const { values, positionals } = parse(rest, { yes: { type: "boolean" } });
      const name = onlyName(positionals, "delete");
      if (!values.yes) throw new CliError(`delete removes ${name} and its data: pass --yes to go ahead`, 2);
      const portal = portalFrom(io);
      const row = await findByName(portal, name);
      // Only the delete's own events are shown: follow from the newest event there is now.
      const earlier = await portal.query<EventView[]>("events.list", { environmentId: row.id, after: null });
      await portal.mutate("environments.delete", { id: row.id });
      io.stdout(`deleting ${row.name} (${row.id})\n`);
      return follow(portal, row.id, io, "deleted", earlier.at(-1)?.id ?? null);
    }
    default:
      throw new CliError(`unknown command: ${command} (see stackyard --help)`, 2);
  }
}

function onlyName(positionals: string[], command: string): string {
  if (positionals.length !== 1 || !positionals[0]) {
    throw new CliError(`${command} needs exactly one environment NAME`, 2);
  }
  return positionals[0];
}

function portalFrom(io: Io): Portal {
  const url = io.env.STACKYARD_URL;
  const token = io.env.STACKYARD_TOKEN;
  if (!url) throw new CliError("STACKYARD_URL is not set (the portal's address)", 2);
  if (!token) throw new CliError("STACKYARD_TOKEN is not set (make one on the portal's API tokens page)", 2);
  return new Portal({ url, token, fetch: io.fetch });
}

async function loadSpec(file: string) {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`, 2);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file} is not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(error as Error).message.split("\n")[0]}`,
      2,
    );
  }
  const parsed = parseEnvironmentSpec(data);
  if (!parsed.ok) {
    const fields = parsed.errors.map((e) => `${e.path || "(spec)"}: ${e.message}`).join("; ");
    throw new CliError(`invalid spec ${file}: ${fields}`, 2);
  }
  return parsed.spec;
}

/** The environment named NAME that is not deleted (names are reused once one is), else the latest. */
async function findByName(portal: Portal, name: string): Promise<EnvironmentRow> {
  const rows = await portal.query<EnvironmentRow[]>("environments.list", { name });
  const named = rows.filter((row) => row.name === name);
  const found = named.find((row) => row.status !== "deleted" && row.status !== "draft") ?? named[0];
  if (!found) throw new CliError(`no environment named ${name}`);
  return found;
}

function statusLine(row: EnvironmentRow): string {
  const op = row.lastOperation ? `, last ${row.lastOperation.kind} ${row.lastOperation.status}` : "";
  return `${row.name}: ${row.status} (${row.target}, ${row.region}${op})${row.appUrl ? ` ${row.appUrl}` : ""}`;
}

function eventLine(event: EventView): string {
  const reason = event.resourceStatusReason ? ` ${event.resourceStatusReason}` : "";
  const at = new Date(event.timestamp).toISOString();
  return `${at} ${event.resourceStatus} ${event.logicalResourceId} (${event.resourceType})${reason}`;
}

/** Prints events until the environment is no longer busy; 0 when it ended as `success`, 1 otherwise. */
async function follow(
  portal: Portal,
  id: string,
  io: Io,
  success: string,
  from: string | null = null,
): Promise<number> {
  const pollMs = io.pollMs ?? 2000;
  let after = from;
  for (;;) {
    const events: EventView[] = await portal.query<EventView[]>("events.list", { environmentId: id, after });
    for (const event of events) {
      io.stdout(`${eventLine(event)}\n`);
      after = event.id;
    }
    const detail = await portal.query<EnvironmentDetail>("environments.get", { id });
    const running = detail.operations[0] && ["pending", "running"].includes(detail.operations[0].status);
    if (!BUSY.has(detail.status) && !running) {
      // Events written just before the status changed.
      const last: EventView[] = await portal.query<EventView[]>("events.list", { environmentId: id, after });
      for (const event of last) io.stdout(`${eventLine(event)}\n`);
      if (detail.status === success) {
        io.stdout(`${detail.name}: ${detail.status}\n`);
        return 0;
      }
      const cause = detail.operations[0]?.errorMessage;
      io.stderr(
        `stackyard: ${detail.name} ended ${detail.status}${cause ? `: ${cause.split("\n")[0]}` : ""}\n`,
      );
      return 1;
    }
    if (await waitOrInterrupted(pollMs, io.interrupted)) {
      io.stderr(`stackyard: stopped following ${detail.name}; the operation goes on in the portal\n`);
      return 130;
    }
  }
}

function waitOrInterrupted(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
