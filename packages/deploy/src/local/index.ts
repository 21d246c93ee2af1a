// @stackyard/deploy/local: the local sandbox driver and what the portal needs of the sandbox's folders
// and database (credential rotation, the boot-time restart of live environments).
export { adminFromEnv } from "./database.js";
export { LocalSandboxDriver, type LocalSandboxOptions } from "./driver.js";
export { NGINX_BINARY } from "./nginx.js";
export { defaultDataDir, findRepoRoot, stackPaths } from "./paths.js";
export { PROTECTED_DB_REFUSAL } from "./resource-steps.js";
export { restartLocalEnvironments } from "./restart-at-boot.js";
export { secretFilePath } from "./secret-file.js";
export { type DatabaseCredentials, StateStore } from "./state-store.js";
