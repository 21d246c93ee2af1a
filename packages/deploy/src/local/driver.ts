// The local sandbox deploy target: the template's stand-ins run on this machine (see DESIGN.md, "The local
// sandbox target"). execute() and delete() return at once; the operation runs in the background and
// describe()/eventsSince() read its progress from disk, so another portal process (or this one after a
// restart) sees the same stack and re-attaches to the processes it runs.

import { join } from "node:path";
import {
  type DeployDriver,
  type DeployRequest,
  type PreparedChange,
  type ResourceChange,
  type StackDescription,
  type StackEventRecord,
  type StackLocator,
  stackNameOf,
} from "../driver.js";
import { DeployError } from "../errors.js";
import type { ProcessControl, RestartOutcome } from "../processes.js";
import { isBusy, runInBackground, startExclusive, whenIdle } from "./background.js";
import { newStackId, updateChanges } from "./changes.js";
import { type AdminConnection, adminFromEnv } from "./database.js";
import { LocalDriftDetector } from "./drift.js";
import { eventsAfter } from "./events.js";
import { LocalHealthReader } from "./health.js";
import { recoverInterrupted } from "./interrupted.js";
import { LocalLogReader } from "./logs.js";
import { creationOrder, templateResources } from "./ordering.js";
import { defaultDataDir, findRepoRoot, stackPaths } from "./paths.js";
import { loopbackPortAllocator, type PortAllocator } from "./ports.js";
import { restartStandIns, standInsProblem } from "./restart-stand-ins.js";
import { rotateLocalDatabasePassword } from "./rotation.js";
import { superviseService } from "./scheduler.js";
import type { SandboxContext } from "./stand-ins.js";
import { type Planning, startCreate, startDelete, startUpdate } from "./start.js";
import { type StackState, StateStore } from "./state-store.js";

export interface LocalSandboxOptions {
  /** Default: STACKYARD_DATA_DIR, else <repo>/.data/dev. Stacks live in <dataDir>/sandbox/<stackName>/. */
  dataDir?: string;
  /** Default: the folder holding turbo.json above this module. */
  repoRoot?: string;
  /** Default: free loopback ports in 20000-29999 that no other sandbox uses. Tests inject a busy one. */
  ports?: PortAllocator;
  /** Default: MARIADB_SANDBOX_URL from the environment (scripts/services.sh writes it). */
  admin?: AdminConnection;
  /** How long a notes-api process may take to answer /readyz 200. Default 60 s. */
  readyTimeoutMs?: number;
  /**
   * Replace a task process that dies, as the ECS service scheduler does (scheduler.ts). The portal turns
   * it on; tests of the sandbox's other mechanics leave it off so a process they stop stays stopped.
   */
  serviceScheduler?: boolean;
}

const isLive = (state: StackState | null): state is StackState =>
  Boolean(state && state.status !== "DELETE_COMPLETE");

/** False when the stack on disk is another environment's (or a later stack of the same name). */
function ownedBy(state: StackState, owner: { environmentId?: string; stackId?: string | null }): boolean {
  if (owner.environmentId && state.environmentId && state.environmentId !== owner.environmentId) return false;
  return !owner.stackId || owner.stackId === state.stackId;
}

function notOwned(stackName: string): DeployError {
  return new DeployError(
    "NOT_OWNER",
    `Stack [${stackName}] belongs to another environment; nothing was changed`,
  );
}

export class LocalSandboxDriver implements DeployDriver {
  readonly target = "local" as const;
  readonly drift: LocalDriftDetector;
  readonly logs: LocalLogReader;
  readonly health: LocalHealthReader;
  /** The sandbox runs the processes itself: it can restart them and rotate their database password. */
  readonly processes: ProcessControl;
  readonly sandboxRoot: string;
  readonly repoRoot: string;
  private readonly ports: PortAllocator;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: LocalSandboxOptions = {}) {
    this.repoRoot = options.repoRoot ?? findRepoRoot();
    this.sandboxRoot = join(options.dataDir ?? defaultDataDir(), "sandbox");
    this.ports = options.ports ?? loopbackPortAllocator(this.sandboxRoot);
    this.readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    this.drift = new LocalDriftDetector((stackName) => this.context(stackName));
    this.logs = new LocalLogReader(this.sandboxRoot);
    this.health = new LocalHealthReader({
      context: (stackName) => this.context(stackName),
      owned: async (stack) => (await this.describe(stack)) !== null,
      supervise: (stackName) => this.supervise(stackName),
    });
    this.processes = {
      restart: (stackName) => this.restartStandIns(stackName),
      problem: (stackName) => standInsProblem(this.context(stackName)),
      rotateDatabasePassword: (stackName) => this.rotateDatabasePassword(stackName),
    };
  }

  async validate(templateBody: string): Promise<void> {
    creationOrder(templateResources(templateBody));
  }

  async prepare(kind: "create" | "update", request: DeployRequest): Promise<PreparedChange> {
    const resources = creationOrder(templateResources(request.templateBody));
    const { store } = this.context(request.stackName);
    const state = store.read();
    const retried = Boolean(state?.tokens.includes(request.clientRequestToken));
    if (kind === "create") {
      if (isLive(state) && !retried) {
        throw new Error(`Stack [${request.stackName}] already exists (${state.status})`);
      }
      const changes = resources.map<ResourceChange>((r) => ({
        action: "Add",
        logicalResourceId: r.logicalId,
        resourceType: r.type,
      }));
      return { stackId: retried && state ? state.stackId : newStackId(request.stackName), changes };
    }
    if (isLive(state) && !ownedBy(state, request)) throw notOwned(request.stackName);
    const current = retried && state ? state : this.updatableState(request.stackName, state);
    const old = templateResources(store.readTemplate() ?? "{}");
    const changes = updateChanges(old, resources, current.plan, request.spec);
    return {
      stackId: current.stackId,
      changes: await this.drift.withRepairs(request.stackName, resources, changes),
    };
  }

  /** Starts the create or update and returns once it is recorded; a retried token does nothing. */
  async execute(prepared: PreparedChange, request: DeployRequest): Promise<void> {
    const ctx = this.context(request.stackName);
    await startExclusive(ctx, async () => {
      const state = ctx.store.read();
      if (state?.tokens.includes(request.clientRequestToken)) return null;
      const resources = creationOrder(templateResources(request.templateBody));
      if (isLive(state)) {
        if (!ownedBy(state, request)) throw notOwned(request.stackName);
        return startUpdate(
          ctx,
          this.updatableState(request.stackName, state),
          resources,
          request,
          this.planning(),
        );
      }
      return startCreate(ctx, prepared.stackId, resources, request, this.planning());
    });
    void whenIdle(ctx).then(() => this.supervise(request.stackName));
  }

  async describe(stack: StackLocator): Promise<StackDescription | null> {
    const stackName = stackNameOf(stack);
    const state = this.attach(stackName);
    if (!isLive(state) || !this.owns(stack, state)) return null;
    const { stackId, status, statusReason, outputs } = state;
    return { stackId, stackName, status, ...(statusReason ? { statusReason } : {}), outputs };
  }

  async eventsSince(stack: StackLocator, afterEventId?: string): Promise<StackEventRecord[]> {
    const stackName = stackNameOf(stack);
    const state = this.attach(stackName);
    if (state && !this.owns(stack, state)) return [];
    return eventsAfter(this.context(stackName).store.events(), afterEventId);
  }

  async delete(stack: StackLocator, clientRequestToken: string): Promise<void> {
    const stackName = stackNameOf(stack);
    const ctx = this.context(stackName);
    this.attach(stackName);
    await startExclusive(ctx, async () => {
      // Checked under the stack's lock: nothing can replace the stack between the check and the delete.
      const state = ctx.store.read();
      if (state && !this.owns(stack, state) && !state.tokens.includes(clientRequestToken)) {
        throw notOwned(stackName);
      }
      return startDelete(ctx, clientRequestToken);
    });
  }

  /**
   * At boot: starts the processes of a live stack that are gone (after the database stopped), on the
   * same ports over the same database. Not an operation; an operation in progress is left alone.
   */
  private async restartStandIns(stackName: string): Promise<RestartOutcome> {
    const ctx = this.context(stackName);
    this.attach(stackName);
    let outcome: RestartOutcome = { status: "skipped", reason: "an operation is in progress" };
    try {
      await startExclusive(ctx, async () => async () => {
        outcome = await restartStandIns(ctx);
      });
    } catch {
      return outcome;
    }
    await whenIdle(ctx);
    this.supervise(stackName);
    return outcome;
  }

  private async rotateDatabasePassword(stackName: string): Promise<{ rotatedAt: Date }> {
    const { sandboxRoot, repoRoot } = this;
    return rotateLocalDatabasePassword({ sandboxRoot, repoRoot, stackName, admin: this.admin() });
  }

  /** With the service scheduler on: watch the stack's tasks and replace the ones that stopped. */
  private supervise(stackName: string): void {
    if (this.options.serviceScheduler) superviseService(this.context(stackName), this.ports);
  }

  /** Resolves when the stack's operation running in this process (if any) has finished. */
  async whenIdle(stackName: string): Promise<void> {
    await whenIdle(this.context(stackName));
  }

  private owns(stack: StackLocator, state: StackState): boolean {
    return typeof stack === "string" || ownedBy(state, stack);
  }

  private updatableState(stackName: string, state: StackState | null): StackState {
    if (!isLive(state)) throw new Error(`Stack [${stackName}] does not exist`);
    if (!/^(CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE)$/.test(state.status)) {
      throw new Error(`Stack [${stackName}] is in ${state.status} state and can not be updated`);
    }
    return state;
  }

  /** Reads the stack; finishes an operation whose portal process is gone (see interrupted.ts). */
  private attach(stackName: string): StackState | null {
    const ctx = this.context(stackName);
    const state = ctx.store.read();
    if (!state || isBusy(ctx)) return state;
    const recovery = recoverInterrupted(ctx, state);
    if (recovery) runInBackground(ctx, recovery);
    return ctx.store.read();
  }

  private planning(): Planning {
    return { admin: this.admin(), ports: this.ports };
  }

  private admin(): AdminConnection {
    return this.options.admin ?? adminFromEnv();
  }

  private context(stackName: string): SandboxContext {
    const paths = stackPaths(this.sandboxRoot, stackName);
    return {
      stackName,
      repoRoot: this.repoRoot,
      paths,
      store: new StateStore(paths),
      admin: () => this.admin(),
      readyTimeoutMs: this.readyTimeoutMs,
    };
  }
}
