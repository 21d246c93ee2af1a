// The deploy engine: turns a pending operation into a running one on its target, then hands it to the
// tracker. Runs in the background: launching must not wait for CloudFormation to prepare a change set.

import type { Environment, Operation } from "@stackyard/db";
import { type EnvironmentSpec, renderTemplate, resolveSpec } from "@stackyard/templates";
import { type DeployDriver, type DeployRequest, type PreparedChange, stackRefOf } from "./driver.js";
import { errorText } from "./logger.js";
import type { OperationStore, OperationWithEnvironment } from "./store/operation-store.js";
import { OperationTracker, type TrackerOptions } from "./tracker.js";
import { CONTINUE_ROLLBACK_PHASE, withoutDeletionProtection } from "./unprotect.js";

export type EngineOptions = TrackerOptions;

const RUNNING_STATUS = { create: "creating", update: "updating", delete: "deleting" } as const;
const STATUS_AFTER_START_FAILURE = { create: "failed", update: "live", delete: "failed" } as const;

export class DeployEngine {
  readonly tracker: OperationTracker;
  private readonly store: OperationStore;

  constructor(private readonly options: EngineOptions) {
    this.tracker = new OperationTracker(options);
    this.store = this.tracker.store;
  }

  /**
   * After a restart: starts the operations recorded but never started (the process stopped in between).
   * Safe to repeat: every call to the target carries the operation's own token.
   */
  async resumePending(): Promise<number> {
    const pending = await this.store.pendingOperationIds();
    for (const id of pending) await this.startOperation(id);
    return pending.length;
  }

  /** Starts a pending operation. Never throws: a failure is recorded on the operation for the UI. */
  async startOperation(operationId: string): Promise<void> {
    const operation = await this.store.load(operationId);
    if (operation?.status !== "pending") return;
    if (operation.kind === "delete" && !operation.environment.stackId) {
      await this.finishWithoutStack(operation);
      return;
    }
    try {
      const started = await this.startOnTarget(operation);
      await this.store.markStarted(idsOf(operation), started, RUNNING_STATUS[operation.kind]);
      this.tracker.track(operation.id);
    } catch (error) {
      await this.recordStartFailure(operation, error);
    }
  }

  private async startOnTarget(
    operation: OperationWithEnvironment,
  ): Promise<{ changeSetId: string | null; phase: string | null }> {
    const { environment } = operation;
    const driver = this.options.driverFor(environment.target, environment.region);
    if (operation.kind === "delete") {
      const live = resolveSpec(environment.spec);
      if (live.database.deletionProtection) return this.startUnprotect(driver, environment, live, operation);
      await driver.delete(stackRefOf(environment), operation.clientRequestToken);
      return { changeSetId: null, phase: null };
    }
    if (operation.phase === CONTINUE_ROLLBACK_PHASE) {
      if (!driver.continueRollback)
        throw new Error(`The ${environment.target} target has no rollback to continue`);
      await driver.continueRollback(stackRefOf(environment), operation.clientRequestToken);
      return { changeSetId: null, phase: CONTINUE_ROLLBACK_PHASE };
    }
    const request = deployRequest(environment, resolveSpec(operation.specSnapshot), operation);
    // A reviewed update (environments.update) carries the change set the user saw: execute exactly that.
    // The local sandbox has no change set ids; its execute() applies the same spec snapshot, re-rendered.
    const prepared =
      operation.kind === "update" && operation.changeSetId
        ? {
            stackId: environment.stackId ?? environment.name,
            changeSetId: operation.changeSetId,
            changes: [],
          }
        : await driver.prepare(operation.kind, request);
    if (operation.kind === "create") {
      // From here on the stack is this environment's: every later call names it by this id, and a delete
      // of an environment that never got one touches no stack at all.
      await this.store.recordStackId(environment.id, prepared.stackId);
    }
    await driver.execute(prepared, request);
    return { changeSetId: prepared.changeSetId ?? null, phase: null };
  }

  /**
   * The first phase of deleting a protected database: RDS refuses to delete an instance with deletion
   * protection, so DeleteStack alone ends in DELETE_FAILED
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection).
   * An update turns it off (the Snapshot deletion policy still keeps the data); the tracker deletes the
   * stack once that update is complete.
   */
  private async startUnprotect(
    driver: DeployDriver,
    environment: Environment,
    live: EnvironmentSpec,
    operation: Operation,
  ): Promise<{ changeSetId: string | null; phase: string }> {
    const request = deployRequest(environment, withoutDeletionProtection(live), operation);
    const prepared = await driver.prepare("update", request);
    await driver.execute(prepared, request);
    return { changeSetId: prepared.changeSetId ?? null, phase: "unprotecting" };
  }

  /**
   * Deleting an environment that never owned a stack (its create failed before the target made one):
   * there is nothing to delete on the target, and asking it by name could reach another environment's.
   */
  private async finishWithoutStack(operation: Operation): Promise<void> {
    await this.store.end(
      idsOf(operation),
      { status: "succeeded", endedAtStart: true },
      { status: "deleted" },
    );
    this.tracker.bus.notify(operation.environmentId);
    this.options.afterFinish?.(operation.id);
  }

  /**
   * Prepares an update for review without starting it (a change set on AWS). `ids` are those of the
   * operation that will execute it, so the change set's token and tags match what runs later.
   */
  async prepareUpdate(
    environment: Environment,
    spec: EnvironmentSpec,
    ids: { id: string; clientRequestToken: string },
    options: { refreshAmi?: boolean } = {},
  ): Promise<PreparedChange> {
    const driver = this.options.driverFor(environment.target, environment.region);
    return driver.prepare("update", {
      ...deployRequest(environment, spec, ids),
      refreshAmi: options.refreshAmi,
    });
  }

  /** Drops the change set of a review that was replaced; never throws (an unused change set costs nothing). */
  async discardPrepared(environment: Environment, changeSetId: string): Promise<void> {
    const driver = this.options.driverFor(environment.target, environment.region);
    try {
      await driver.discard?.(stackRefOf(environment), changeSetId);
    } catch (error) {
      this.tracker.logger.warn(
        { changeSetId, reason: errorText(error) },
        "could not delete a replaced change set",
      );
    }
  }

  private async recordStartFailure(operation: Operation, error: unknown) {
    await this.store.end(
      idsOf(operation),
      { status: "failed", errorMessage: errorText(error) },
      { status: STATUS_AFTER_START_FAILURE[operation.kind] },
    );
    this.tracker.bus.notify(operation.environmentId);
  }
}

const idsOf = (operation: Operation) => ({
  operationId: operation.id,
  environmentId: operation.environmentId,
});

function deployRequest(
  environment: Environment,
  spec: EnvironmentSpec,
  operation: { id: string; clientRequestToken: string },
): DeployRequest {
  return {
    stackName: environment.name,
    environmentId: environment.id,
    stackId: environment.stackId,
    templateBody: renderTemplate(spec).json,
    clientRequestToken: operation.clientRequestToken,
    // Only the environment: CloudFormation copies stack tags to every taggable resource, so a tag that
    // changed per operation modified every resource on every update. Events carry the request token instead.
    tags: { "stackyard:environment-id": environment.id },
    spec,
  };
}
