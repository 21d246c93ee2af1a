// The portal's views of environments and events as the CLI reads them, and finding one by name.
import { type Target, targetOf } from "./args.js";
import { badInput, CliError } from "./errors.js";
import type { Portal } from "./portal.js";

export interface EnvironmentRow {
  id: string;
  name: string;
  target: Target;
  region: string;
  status: string;
  appUrl: string | null;
  monthlyCostUsd: number | null;
  /** When the portal deletes it by itself (a preview environment), if ever. */
  expiresAt: Date | null;
  updatedAt: Date;
  lastOperation: { kind: string; status: string; createdAt: Date; finishedAt: Date | null } | null;
}

export interface OperationView {
  id: string;
  kind: string;
  status: string;
  errorMessage: string | null;
  trackingIssue?: string | null;
}

export interface EnvironmentDetail {
  id: string;
  name: string;
  target: Target;
  status: string;
  spec: Record<string, unknown>;
  outputs: unknown;
  operations: OperationView[];
}

export interface EventView {
  id: string;
  operationId: string;
  logicalResourceId: string;
  resourceType: string;
  resourceStatus: string;
  resourceStatusReason: string | null;
  timestamp: Date;
}

/** Environment statuses while an operation runs. */
export const BUSY = new Set(["pending", "creating", "updating", "deleting"]);
/** Operation statuses before it ends. */
export const RUNNING = new Set(["pending", "running"]);

/**
 * The environment named NAME (on --target, when given): the one not deleted (names are reused once one
 * is), else the latest deleted one; null when the portal has none.
 */
export async function lookUp(portal: Portal, name: string, target?: string): Promise<EnvironmentRow | null> {
  const on = targetOf(target);
  const rows = await portal.query<EnvironmentRow[]>("environments.list", { name });
  const named = rows.filter(
    (row) => row.name === name && (!on || row.target === on) && row.status !== "draft",
  );
  const current = named.filter((row) => row.status !== "deleted");
  if (current.length > 1) {
    const where = current.map((row) => `${row.target} (${row.region})`).join(" and ");
    throw badInput(`${name} exists on ${where}: pass --target`);
  }
  return current[0] ?? named[0] ?? null;
}

export async function findByName(portal: Portal, name: string, target?: string): Promise<EnvironmentRow> {
  const found = await lookUp(portal, name, target);
  if (!found) throw new CliError(`no environment named ${name}${target ? ` on ${target}` : ""}`);
  return found;
}

/** Every stored event after the cursor, page by page (the portal answers 500 at most per call). */
export async function eventsAfter(portal: Portal, environmentId: string, after: string | null) {
  const all: EventView[] = [];
  let cursor = after;
  for (;;) {
    const page = await portal.query<EventView[]>("events.list", { environmentId, after: cursor });
    all.push(...page);
    if (page.length < 500) return all;
    cursor = page[page.length - 1]?.id ?? cursor;
  }
}
