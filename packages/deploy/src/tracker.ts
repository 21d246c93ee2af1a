// One poller per running operation. Several portal processes coordinate through a lease on the
// operation row, so each stack is polled once per interval however many browsers watch it.

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "@stackyard/db";
import { backoffDelay, sleepUnlessAborted } from "./backoff.js";
import type { DeployDriver, DeployTarget, StackDescription } from "./driver.js";
import { stackRefOf } from "./driver.js";
import { isTransient, toDeployError } from "./errors.js";
import { EnvironmentEventBus } from "./event-bus.js";
import { finishOperation } from "./finish.js";
import { defaultLogger, errorText, type Logger } from "./logger.js";
import { isTerminalStatus } from "./stack-status.js";
import type { OperationStore } from "./store/operation-store.js";
import { PrismaOperationStore } from "./store/prisma-store.js";
import { continueAfterUnprotect } from "./unprotect.js";

/** Where operations are kept: the portal's database, or any OperationStore (unit tests: in memory). */
export type StoreOption = { prisma: PrismaClient; store?: never } | { store: OperationStore; prisma?: never };

const storeOf = (options: StoreOption): OperationStore =>
  options.store ?? new PrismaOperationStore(options.prisma);

export type TrackerOptions = StoreOption & {
  driverFor: (target: DeployTarget, region: string) => DeployDriver;
  owner?: string;
  intervalMs?: (target: DeployTarget) => number;
  leaseMs?: number;
  /** Consecutive errors (other than throttling, expired credentials, the network) before giving up. */
  maxErrors?: number;
  /** Called once an operation's outcome is recorded (the portal starts a readiness probe); must not throw. */
  afterFinish?: (operationId: string) => void;
  /** Where the engine's JSON log lines go (default: pino at LOG_LEVEL). */
  logger?: Logger;
};

export type PollResult = "continue" | "done" | "not-owner";

/** Poll intervals per target; exported for the benchmark, which keeps the local one and sets the AWS one. */
/** The longest wait between two polls while tracking is paused. */
const MAX_PAUSE_MS = 60_000;

export const defaultInterval = (target: DeployTarget) => (target === "aws" ? 5_000 : 1_000);

export class OperationTracker {
  readonly bus = new EnvironmentEventBus();
  readonly owner: string;
  readonly logger: Logger;
  readonly store: OperationStore;
  private readonly loops = new Map<string, AbortController>();

  constructor(private readonly options: TrackerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.logger = options.logger ?? defaultLogger();
    this.store = storeOf(options);
  }

  /** Starts polling an operation in this process, unless it already is. */
  track(operationId: string): void {
    if (this.loops.has(operationId)) return;
    const controller = new AbortController();
    this.loops.set(operationId, controller);
    void this.loop(operationId, controller.signal)
      .catch((error) => this.logger.error({ operationId, error: errorText(error) }, "tracker loop"))
      .finally(() => this.loops.delete(operationId));
  }

  /** After a restart: picks up every operation still running (its lease lapses if its poller died). */
  async followRunning(): Promise<number> {
    const running = await this.store.runningOperationIds();
    for (const id of running) this.track(id);
    return running.length;
  }

  /** Stops polling; releases leases so another process can take over at once. */
  async stop(): Promise<void> {
    const ids = [...this.loops.keys()];
    for (const controller of this.loops.values()) controller.abort();
    await Promise.all(ids.map((id) => this.store.releaseLease(id, this.owner)));
  }

  async pollOnce(operationId: string): Promise<PollResult> {
    const { store } = this;
    if (!(await store.claimLease(operationId, this.owner, this.leaseMs))) {
      return (await store.isUnfinished(operationId)) ? "not-owner" : "done";
    }
    const operation = await store.load(operationId);
    if (!operation) return "done";
    const { environment } = operation;
    const ids = { environmentId: environment.id, operationId };
    const driver = this.options.driverFor(environment.target, environment.region);
    const stackRef = stackRefOf(environment);
    const events = await driver.eventsSince(stackRef, await store.lastEventId(environment.id));
    const stored = await store.storeEvents(ids, events);
    const stack = await driver.describe(stackRef);
    if (operation.phase === "unprotecting") {
      const next = await continueAfterUnprotect(store, driver, operation, stack);
      if (stored > 0 || next === "failed") this.bus.notify(environment.id);
      return next === "failed" ? "done" : "continue";
    }
    const finished = isFinished(operation.kind, stack);
    if (finished) {
      // Events written between the read above and the terminal status (the last ones) are read once more.
      const last = await driver.eventsSince(stackRef, await store.lastEventId(environment.id));
      await store.storeEvents(ids, last);
      await finishOperation(store, operation, stack);
    }
    // Notify after the outcome is recorded: a browser reacting to the final stack event must read the
    // environment's final status, not the one from before this poll.
    if (stored > 0 || finished) this.bus.notify(environment.id);
    if (finished) this.options.afterFinish?.(operationId);
    return finished ? "done" : "continue";
  }

  private get leaseMs() {
    return this.options.leaseMs ?? 30_000;
  }

  private async loop(operationId: string, signal: AbortSignal): Promise<void> {
    const operation = await this.store.load(operationId);
    if (!operation) return;
    const interval = (this.options.intervalMs ?? defaultInterval)(operation.environment.target);
    let errors = 0;
    let pauses = 0;
    while (!signal.aborted) {
      // Fixed rate: the next poll is due one interval after this one started, not after it finished.
      const started = Date.now();
      let delay = interval;
      try {
        const result = await this.pollOnce(operationId);
        if (pauses > 0) await this.setPause(operation, null);
        if (result === "done") return;
        if (result === "not-owner") delay = this.leaseMs;
        errors = 0;
        pauses = 0;
      } catch (error) {
        if (isTransient(error)) {
          // The stack goes on in AWS whatever our view of it: wait it out, however long, and say so.
          pauses += 1;
          delay = interval + backoffDelay(pauses, { baseMs: interval, maxMs: MAX_PAUSE_MS });
          await this.setPause(operation, error).catch(() => undefined);
        } else {
          errors += 1;
          if (errors >= (this.options.maxErrors ?? 5)) return this.giveUp(operation, error);
        }
      }
      await sleepUnlessAborted(Math.max(0, delay - (Date.now() - started)), signal);
    }
  }

  /** Records why tracking is paused (or that it runs again), for the dashboard's banner. */
  private async setPause(operation: { id: string; environmentId: string }, error: unknown): Promise<void> {
    const issue = error === null ? null : errorText(toDeployError(error));
    await this.store.setTrackingIssue(operation.id, issue);
    this.bus.notify(operation.environmentId);
  }

  /** After repeated errors that are not transient: the operation and its environment say so. */
  private async giveUp(operation: { id: string; environmentId: string }, error: unknown): Promise<void> {
    const errorMessage = `Lost track of the stack: ${errorText(error)}`;
    // Failed, not stuck in creating/updating/deleting: the dashboard explains it and delete stays possible.
    await this.store.end(
      { operationId: operation.id, environmentId: operation.environmentId },
      { status: "failed", errorMessage },
      { status: "failed" },
    );
    this.bus.notify(operation.environmentId);
  }
}

function isFinished(kind: string, stack: StackDescription | null): boolean {
  if (!stack) return kind === "delete";
  // REVIEW_IN_PROGRESS (a change set not yet executed) is in progress: polling goes on.
  return isTerminalStatus(stack.status);
}
