// Where the local sandbox keeps things, and the names it gives them. The portal runs from apps/portal
// (next start) and vitest from apps/portal too, so the repository root is found from this module.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding turbo.json (the monorepo root), above this module or, when a bundler has moved the
 * module somewhere else, above the working directory (apps/portal for `next start` and vitest).
 */
export function findRepoRoot(): string {
  const starts = [process.cwd()];
  try {
    starts.unshift(dirname(fileURLToPath(import.meta.url)));
  } catch {
    // Not a file: URL once bundled: the working directory is the way.
  }
  for (const start of starts) {
    const root = rootAbove(start);
    if (root) return root;
  }
  throw new Error(`no turbo.json above ${starts.join(" or ")}: cannot find the repository root`);
}

function rootAbove(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "turbo.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** STACKYARD_DATA_DIR (set by scripts/services.sh), else <repo>/.data/dev. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STACKYARD_DATA_DIR || join(findRepoRoot(), ".data", "dev");
}

export interface StackPaths {
  root: string;
  state: string;
  events: string;
  template: string;
  credentials: string;
  pids: string;
  logs: string;
  dumps: string;
  nginxPrefix: string;
  nginxConf: string;
  history: string;
}

/** Stack names are CloudFormation names ([A-Za-z][A-Za-z0-9-]*): safe as a folder name. */
export function stackPaths(sandboxRoot: string, stackName: string): StackPaths {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new Error(`"${stackName}" is not a stack name (a letter, then letters, digits or -)`);
  }
  const root = join(sandboxRoot, stackName);
  const nginxPrefix = join(root, "nginx");
  return {
    root,
    state: join(root, "state.json"),
    events: join(root, "events.jsonl"),
    template: join(root, "template.json"),
    credentials: join(root, "credentials.json"),
    pids: join(root, "pids"),
    logs: join(root, "logs"),
    dumps: join(root, "dumps"),
    nginxPrefix,
    nginxConf: join(nginxPrefix, "nginx.conf"),
    history: join(root, "history"),
  };
}

/**
 * SQL names for a stack's database and user: lowercase letters, digits and _, with a hash of the exact
 * stack name so that names differing only in case or beyond the truncation never share a database.
 */
export function sqlNames(stackName: string): { database: string; user: string } {
  const hash = createHash("sha256").update(stackName).digest("hex").slice(0, 8);
  const slug = stackName.toLowerCase().replace(/[^a-z0-9]+/g, "_");
  return {
    database: `sandbox_${slug.slice(0, 40)}_${hash}`,
    // MySQL caps user names at 32 characters.
    user: `sb_${slug.slice(0, 19)}_${hash}`,
  };
}
