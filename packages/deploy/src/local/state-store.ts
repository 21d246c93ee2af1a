// The sandbox's memory, on disk so that a portal restart loses nothing: state.json (rewritten atomically),
// events.jsonl (append-only), the template, and the database credentials (0600, never in events or logs).
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { StackEventRecord } from "../driver.js";
import type { ServiceEvent, StoppedTask } from "../observe/health.js";
import type { ResourceStatus, StackStatus } from "../stack-status.js";
import type { StackPaths } from "./paths.js";

/** A process the sandbox started: pid plus its kernel start time, so a reused pid is never mistaken for it. */
export interface ManagedProcess {
  pid: number;
  startTime: string;
  logFile: string;
}

/** What the sandbox runs for the stack: the local stand-ins' settings. */
export interface SandboxPlan {
  database: { name: string; user: string; host: string; port: number };
  /** One notes-api process per port: the spec's desiredCount, up to MAX_LOCAL_TASKS. */
  taskPorts: number[];
  /** What the spec asked for, when more than runs locally. */
  desiredCount?: number;
  nginxPort: number;
}

interface ResourceState {
  type: string;
  status: ResourceStatus;
  physicalId?: string;
}

/** The outcome of the last boot-time restart of a stack's stand-ins (restart-stand-ins.ts). */
export interface StandInsRestart {
  status: "restarting" | "running" | "failed";
  reason?: string;
  at: string;
  by: { pid: number; startTime: string };
}

/** What the local service scheduler remembers, as ECS does (scheduler-record.ts), newest first. */
interface ServiceActivity {
  stoppedTasks: StoppedTask[];
  events: ServiceEvent[];
}

export interface StackState {
  stackId: string;
  /** The portal environment that owns this stack (absent in stacks created before ownership was kept). */
  environmentId?: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  createdAt: string;
  updatedAt: string;
  /** Tokens of the operations already started: retrying one never starts it twice. */
  tokens: string[];
  resources: Record<string, ResourceState>;
  plan: SandboxPlan;
  /** The portal process running the current operation; a new one finishes it if that process is gone. */
  runner?: { pid: number; startTime: string };
  tasks: Record<string, ManagedProcess>;
  nginx?: ManagedProcess;
  outputs: Record<string, string>;
  /** The last boot-time restart of the processes (restart-stand-ins.ts); not part of the stack's history. */
  standIns?: StandInsRestart;
  /** The service scheduler's record (scheduler.ts): the tasks it saw stop and its events, newest first. */
  service?: ServiceActivity;
}

export interface DatabaseCredentials {
  user: string;
  password: string;
  database: string;
  host: string;
  port: number;
}

export class StateStore {
  constructor(readonly paths: StackPaths) {}

  ensureFolders(): void {
    for (const dir of [this.paths.root, this.paths.pids, this.paths.logs])
      mkdirSync(dir, { recursive: true });
    // Dumps hold the environment's data: readable by the portal's user only.
    mkdirSync(this.paths.dumps, { recursive: true, mode: 0o700 });
  }

  read(): StackState | null {
    if (!existsSync(this.paths.state)) return null;
    return JSON.parse(readFileSync(this.paths.state, "utf8")) as StackState;
  }

  write(state: StackState): void {
    const temp = `${this.paths.state}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temp, this.paths.state);
  }

  update(change: (state: StackState) => void): StackState {
    const state = this.read();
    if (!state) throw new Error(`no sandbox state for ${this.paths.root}`);
    change(state);
    state.updatedAt = new Date().toISOString();
    this.write(state);
    return state;
  }

  appendEvent(event: StackEventRecord): void {
    appendFileSync(this.paths.events, `${JSON.stringify(event)}\n`);
  }

  events(): StackEventRecord[] {
    if (!existsSync(this.paths.events)) return [];
    return readFileSync(this.paths.events, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const raw = JSON.parse(line) as StackEventRecord & { timestamp: string };
        return { ...raw, timestamp: new Date(raw.timestamp) };
      });
  }

  writeTemplate(templateBody: string): void {
    writeFileSync(this.paths.template, templateBody);
  }

  readTemplate(): string | null {
    return existsSync(this.paths.template) ? readFileSync(this.paths.template, "utf8") : null;
  }

  writeCredentials(credentials: DatabaseCredentials): void {
    writeFileSync(this.paths.credentials, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    chmodSync(this.paths.credentials, 0o600);
  }

  readCredentials(): DatabaseCredentials | null {
    if (!existsSync(this.paths.credentials)) return null;
    return JSON.parse(readFileSync(this.paths.credentials, "utf8")) as DatabaseCredentials;
  }

  /** A stack created again after DELETE_COMPLETE starts a fresh history; the old one (and dumps) stay. */
  archive(stackId: string): void {
    const folder = join(this.paths.history, stackId.replace(/[^A-Za-z0-9-]+/g, "_"));
    mkdirSync(folder, { recursive: true });
    for (const file of [this.paths.state, this.paths.events, this.paths.template]) {
      if (existsSync(file)) renameSync(file, join(folder, file.split("/").pop() ?? "file"));
    }
  }
}

/** Every sandbox's state under the sandbox root: used to keep ports apart between environments. */
export function allStates(sandboxRoot: string): StackState[] {
  if (!existsSync(sandboxRoot)) return [];
  const states: StackState[] = [];
  for (const name of readdirSync(sandboxRoot)) {
    const file = join(sandboxRoot, name, "state.json");
    try {
      states.push(JSON.parse(readFileSync(file, "utf8")) as StackState);
    } catch {
      // No state (yet), or being rewritten: its ports are also held in this process's reservations.
    }
  }
  return states;
}
