// The local sandbox deploy target: the template's stand-ins run on this machine (see DESIGN.md, "The local
// sandbox target"). execute() and delete() return at once; the operation runs in the background and
// describe()/eventsSince() read its progress from disk, so another portal process (or this one after a
// restart) sees the same stack and re-attaches to the processes it runs.
import { join } from "node:path";
import type {
  DeployDriver,
  DeployRequest,
  PreparedChange,
  ResourceChange,
  StackDescription,
  StackEventRecord,
} from "../driver";
import { newStackId, updateChanges } from "./changes";
import { type AdminConnection, adminFromEnv } from "./database";
import { EventLog, eventsAfter } from "./events";
import { runCreate, runDelete, runUpdate } from "./operations";
import { creationOrder, type TemplateResource, templateResources } from "./ordering";
import { defaultDataDir, findRepoRoot, stackPaths } from "./paths";
import { planFor } from "./plan";
import { loopbackPortAllocator, type PortAllocator } from "./ports";
import { recoverInterrupted, runnerIdentity } from "./recovery";
import type { SandboxContext } from "./stand-ins";
import { type StackState, StateStore } from "./state-store";

export interface LocalSandboxOptions {
  /** Default: STACKYARD_DATA_DIR, else <repo>/.data/dev. Stacks live in <dataDir>/sandbox/<stackName>/. */
  dataDir?: string;
  /** Default: the folder holding turbo.json above this module. */
  repoRoot?: string;
  /** Default: free loopback ports in 20000-29999 that no other sandbox uses. Tests inject a busy one. */
  ports?: PortAllocator;
  /** Default: MARIADB_ADMIN_URL from the environment (scripts/services.sh writes it). */
  admin?: AdminConnection;
  /** How long a notes-api process may take to answer /readyz 200. Default 60 s. */
  readyTimeoutMs?: number;
}

/** Operations running in this process, by stack folder: shared by every driver instance. */
const running = new Map<string, Promise<void>>();

const isLive = (state: StackState | null): state is StackState =>
  Boolean(state && state.status !== "DELETE_COMPLETE");

export class LocalSandboxDriver implements DeployDriver {
  readonly target = "local" as const;
  readonly sandboxRoot: string;
  readonly repoRoot: string;
  private readonly ports: PortAllocator;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: LocalSandboxOptions = {}) {
    this.repoRoot = options.repoRoot ?? findRepoRoot();
    this.sandboxRoot = join(options.dataDir ?? defaultDataDir(), "sandbox");
    this.ports = options.ports ?? loopbackPortAllocator(this.sandboxRoot);
    this.readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  }

  async validate(templateBody: string): Promise<void> {
    creationOrder(templateResources(templateBody));
  }

  async prepare(kind: "create" | "update", request: DeployRequest): Promise<PreparedChange> {
    const resources = creationOrder(templateResources(request.templateBody));
    const { store } = this.context(request.stackName);
    const state = store.read();
    if (kind === "create") {
      if (isLive(state)) throw new Error(`Stack [${request.stackName}] already exists (${state.status})`);
      const changes = resources.map<ResourceChange>((r) => ({
        action: "Add",
        logicalResourceId: r.logicalId,
        resourceType: r.type,
      }));
      return { stackId: newStackId(request.stackName), changes };
    }
    const current = this.updatableState(request.stackName, state);
    const old = templateResources(store.readTemplate() ?? "{}");
    return { stackId: current.stackId, changes: updateChanges(old, resources, current.plan, request.spec) };
  }

  async execute(prepared: PreparedChange, request: DeployRequest): Promise<void> {
    const ctx = this.context(request.stackName);
    const state = ctx.store.read();
    if (state?.tokens.includes(request.clientRequestToken)) return;
    if (running.has(ctx.paths.root))
      throw new Error(`Stack [${request.stackName}] has an operation in progress`);
    const resources = creationOrder(templateResources(request.templateBody));
    if (isLive(state))
      return this.startUpdate(ctx, this.updatableState(request.stackName, state), resources, request);
    const admin = this.admin();
    const plan = await planFor(request.stackName, request.spec, admin, this.ports);
    const deleted = ctx.store.read();
    if (deleted) ctx.store.archive(deleted.stackId);
    ctx.store.ensureFolders();
    const now = new Date().toISOString();
    ctx.store.write({
      stackId: prepared.stackId,
      stackName: request.stackName,
      status: "CREATE_IN_PROGRESS",
      statusReason: "User Initiated",
      createdAt: now,
      updatedAt: now,
      tokens: [request.clientRequestToken],
      resources: {},
      plan,
      runner: runnerIdentity(),
      tasks: {},
      outputs: {},
    });
    ctx.store.writeTemplate(request.templateBody);
    const events = new EventLog(ctx.store, request.stackName, prepared.stackId);
    events.stack("CREATE_IN_PROGRESS", "User Initiated");
    this.background(ctx, () => runCreate(ctx, events, resources, plan, request.templateBody));
  }

  async describe(stackName: string): Promise<StackDescription | null> {
    const state = this.attach(stackName);
    if (!isLive(state)) return null;
    const { stackId, status, statusReason, outputs } = state;
    return { stackId, stackName, status, ...(statusReason ? { statusReason } : {}), outputs };
  }

  async eventsSince(stackName: string, afterEventId?: string): Promise<StackEventRecord[]> {
    this.attach(stackName);
    return eventsAfter(this.context(stackName).store.events(), afterEventId);
  }

  async delete(stackName: string, clientRequestToken: string): Promise<void> {
    const ctx = this.context(stackName);
    const state = this.attach(stackName);
    if (!isLive(state) || state.tokens.includes(clientRequestToken)) return;
    if (running.has(ctx.paths.root) || state.status.endsWith("_IN_PROGRESS")) {
      throw new Error(`Stack [${stackName}] is in ${state.status} state: wait for it to finish, then delete`);
    }
    const resources = templateResources(ctx.store.readTemplate() ?? "{}");
    ctx.store.update((s) => {
      s.status = "DELETE_IN_PROGRESS";
      s.statusReason = "User Initiated";
      s.tokens.push(clientRequestToken);
      s.runner = runnerIdentity();
    });
    const events = new EventLog(ctx.store, stackName, state.stackId);
    events.stack("DELETE_IN_PROGRESS", "User Initiated");
    this.background(ctx, () => runDelete(ctx, events, resources));
  }

  /** Resolves when the stack's operation running in this process (if any) has finished. */
  async whenIdle(stackName: string): Promise<void> {
    await running.get(this.context(stackName).paths.root);
  }

  private startUpdate(
    ctx: SandboxContext,
    state: StackState,
    resources: TemplateResource[],
    request: DeployRequest,
  ) {
    const oldResources = templateResources(ctx.store.readTemplate() ?? "{}");
    return planFor(request.stackName, request.spec, this.admin(), this.ports, state.plan).then((newPlan) => {
      ctx.store.update((s) => {
        s.status = "UPDATE_IN_PROGRESS";
        s.statusReason = "User Initiated";
        s.tokens.push(request.clientRequestToken);
        s.runner = runnerIdentity();
      });
      const events = new EventLog(ctx.store, request.stackName, state.stackId);
      events.stack("UPDATE_IN_PROGRESS", "User Initiated");
      const input = {
        oldResources,
        newResources: resources,
        oldPlan: state.plan,
        newPlan,
        templateBody: request.templateBody,
      };
      this.background(ctx, () => runUpdate(ctx, events, input));
    });
  }

  private updatableState(stackName: string, state: StackState | null): StackState {
    if (!isLive(state)) throw new Error(`Stack [${stackName}] does not exist`);
    if (!/^(CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE)$/.test(state.status)) {
      throw new Error(`Stack [${stackName}] is in ${state.status} state and can not be updated`);
    }
    return state;
  }

  /** Reads the stack; finishes an operation whose portal process is gone (see recovery.ts). */
  private attach(stackName: string): StackState | null {
    const ctx = this.context(stackName);
    const state = ctx.store.read();
    if (!state || running.has(ctx.paths.root)) return state;
    const recovery = recoverInterrupted(ctx, state);
    if (recovery) this.background(ctx, recovery);
    return ctx.store.read();
  }

  private background(ctx: SandboxContext, work: () => Promise<void>): void {
    const operation = work()
      .catch((error: unknown) => {
        // A bug, not a resource failure (those are events): record it so the stack does not hang.
        ctx.store.update((s) => {
          s.status = s.status.replace(/_IN_PROGRESS$/, "_FAILED");
          s.statusReason = `internal error in the local sandbox: ${error instanceof Error ? error.message : String(error)}`;
          delete s.runner;
        });
      })
      .finally(() => running.delete(ctx.paths.root));
    running.set(ctx.paths.root, operation);
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
