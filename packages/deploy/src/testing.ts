// @stackyard/deploy/testing: helpers for integration tests (here and in the portal). Never imported by
// runtime code.

export { databaseExists, dropDatabase } from "./local/database.js";
export { sqlNames } from "./local/paths.js";
export { forgetProcess, registerProcess } from "./local/process-registry.js";
export * from "./local/sandbox-testing.js";
export { processStartTime } from "./local/supervisor.js";
export { collectingLogger } from "./logger.js";
export { InMemoryOperationStore } from "./store/memory-store.js";
