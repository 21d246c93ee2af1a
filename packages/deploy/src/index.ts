// @stackyard/deploy: the engine, its tracker, the event bus and the driver interface. Targets live under
// "./aws" and "./local"; test helpers under "./testing". Nothing here imports Next.js or tRPC.
export { type BackoffOptions, sleepUnlessAborted, withThrottlingRetry } from "./backoff.js";
export { dataLossWarnings } from "./data-loss.js";
export {
  type DeployDriver,
  type DeployRequest,
  type DeployTarget,
  type PreparedChange,
  type ResourceChange,
  type StackDescription,
  type StackEventRecord,
  type StackLocator,
  type StackRef,
  stackNameOf,
  stackRefOf,
} from "./driver.js";
export { DeployEngine, type EngineOptions } from "./engine.js";
export { DeployError, type DeployErrorCode, isThrottling, isTransient, toDeployError } from "./errors.js";
export { EnvironmentEventBus } from "./event-bus.js";
export { defaultLogger, type Logger, logFormat } from "./logger.js";
export {
  type DriftCounts,
  type DriftDetector,
  type DriftDifferenceType,
  type DriftReport,
  driftCounts,
  type PropertyDifference,
  type ResourceDrift,
  type ResourceDriftStatus,
} from "./observe/drift.js";
export type {
  DatabaseHealth,
  EdgeHealth,
  EnvironmentHealth,
  HealthReader,
  HealthState,
  ServiceHealth,
  TargetGroupHealth,
} from "./observe/health.js";
export { LogHub, type LogHubOptions, type OpenTail } from "./observe/log-hub.js";
export { matchesFilter, parseLogLine } from "./observe/log-parse.js";
export {
  LOG_LEVELS,
  type LogBatch,
  type LogFilter,
  type LogLevel,
  type LogLine,
  type LogPage,
  type LogQuery,
  type LogReader,
} from "./observe/logs.js";
export * from "./processes.js";
export { findRootCause, type RootCause } from "./root-cause.js";
export * from "./stack-status.js";
export type {
  EnvironmentChange,
  OperationEnd,
  OperationIds,
  OperationStore,
  OperationWithEnvironment,
  StoredEvent,
} from "./store/operation-store.js";
export { PrismaOperationStore } from "./store/prisma-store.js";
export { defaultInterval, OperationTracker, type StoreOption, type TrackerOptions } from "./tracker.js";
export { CONTINUE_ROLLBACK_PHASE } from "./unprotect.js";
