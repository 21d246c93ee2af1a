// The three stand-ins compared with the plan they were started from (local drift). Each check only reads:
// the processes' liveness, nginx.conf on disk against what @stackyard/templates renders for the plan, and
// the database user's login (no secret is ever part of a difference).
import { createHash } from "node:crypto";
import mysql from "mysql2/promise";
import type { PropertyDifference, ResourceDrift } from "../observe/drift.js";
import { type AdminConnection, databaseExists } from "./database.js";
import { lineDifferences } from "./line-diff.js";
import { confOnDisk, localNginxConf } from "./nginx.js";
import type { SandboxContext } from "./stand-ins.js";
import type { SandboxPlan, StackState } from "./state-store.js";
import { isRunning } from "./supervisor.js";

/** What a check reports; the caller adds the resource's ids. */
export type Finding = Pick<ResourceDrift, "status" | "differences" | "reason">;

const inSync = (): Finding => ({ status: "IN_SYNC", differences: [] });
const modified = (differences: PropertyDifference[], reason: string): Finding => ({
  status: "MODIFIED",
  differences,
  reason,
});

/** The service: one running notes-api process per planned port (ECS's desired vs running count). */
export function checkTasks(state: StackState): Finding {
  const ports = state.plan.taskPorts;
  const stopped = ports.filter((port) => !isRunning(state.tasks[String(port)]));
  if (stopped.length === 0) return inSync();
  const differences: PropertyDifference[] = [
    {
      propertyPath: "/RunningCount",
      expected: String(ports.length),
      actual: String(ports.length - stopped.length),
      differenceType: "NOT_EQUAL",
    },
    ...stopped.map<PropertyDifference>((port) => ({
      propertyPath: `/Tasks/127.0.0.1:${port}`,
      expected: "running",
      actual: state.tasks[String(port)] ? "stopped" : "not started",
      differenceType: "REMOVE",
    })),
  ];
  return modified(differences, `${stopped.length} of ${ports.length} notes-api process(es) not running`);
}

const MAX_LINE_DIFFERENCES = 20;
const sha256 = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;

/** nginx.conf on disk differs from the config rendered for the plan (edited, or missing). */
export function nginxConfDrifted(ctx: SandboxContext, plan: SandboxPlan): boolean {
  return confOnDisk(ctx.paths) !== localNginxConf(plan.nginxPort, plan.taskPorts);
}

/** The edge: nginx running, and nginx.conf on disk byte-equal to the config rendered for the plan. */
export function checkEdge(ctx: SandboxContext, state: StackState): Finding {
  const expected = localNginxConf(state.plan.nginxPort, state.plan.taskPorts);
  const actual = confOnDisk(ctx.paths);
  const differences: PropertyDifference[] = [];
  const reasons: string[] = [];
  if (!isRunning(state.nginx)) {
    differences.push({
      propertyPath: "/Process",
      expected: "running",
      actual: "stopped",
      differenceType: "NOT_EQUAL",
    });
    reasons.push("nginx is not running");
  }
  if (actual === null) {
    differences.push({
      propertyPath: "/NginxConf",
      expected: sha256(expected),
      actual: "missing",
      differenceType: "REMOVE",
    });
    reasons.push(`${ctx.paths.nginxConf} is missing`);
  } else if (actual !== expected) {
    const lines = lineDifferences(expected, actual, "/NginxConf");
    differences.push(...lines.slice(0, MAX_LINE_DIFFERENCES));
    const more =
      lines.length > MAX_LINE_DIFFERENCES ? ` (first ${MAX_LINE_DIFFERENCES} of ${lines.length} shown)` : "";
    reasons.push(
      `${ctx.paths.nginxConf} was edited: ${lines.length} line(s) differ from the rendered config${more}`,
    );
  }
  return differences.length ? modified(differences, reasons.join("; ")) : inSync();
}

/** The database: it exists, its user exists, and the password on file still logs in. */
export async function checkDatabase(ctx: SandboxContext): Promise<Finding> {
  const credentials = ctx.store.readCredentials();
  const admin = ctx.admin();
  if (!credentials || !(await databaseExists(admin, credentials.database))) {
    return {
      status: "DELETED",
      differences: [],
      reason: "the database no longer exists on the private MariaDB",
    };
  }
  if (!(await userExists(admin, credentials.user, credentials.database))) {
    return modified(
      [
        {
          propertyPath: "/MasterUsername",
          expected: credentials.user,
          actual: "missing",
          differenceType: "REMOVE",
        },
      ],
      `the database user ${credentials.user} no longer exists`,
    );
  }
  const refusal = await loginRefusal(credentials);
  if (!refusal) return inSync();
  return modified(
    [
      {
        propertyPath: "/MasterUserPassword",
        // Which password is never shown: only whether the one in the environment's secret still works.
        expected: "the password in the environment's secret logs in",
        actual: `refused (${refusal})`,
        differenceType: "NOT_EQUAL",
      },
    ],
    `the database user ${credentials.user} can no longer log in to its database with the password in the environment's secret`,
  );
}

/**
 * The sandbox account cannot read mysql.user; GRANT USAGE (which grants nothing) under NO_AUTO_CREATE_USER
 * fails with error 1133 exactly when the user is missing, and changes nothing otherwise.
 */
async function userExists(admin: AdminConnection, user: string, database: string): Promise<boolean> {
  const db = await mysql.createConnection({ ...admin, connectTimeout: 5000 });
  try {
    await db.query("SET SESSION sql_mode = 'NO_AUTO_CREATE_USER'");
    await db.query(`GRANT USAGE ON \`${database.replace(/`/g, "``")}\`.* TO ?@'127.0.0.1'`, [user]);
    return true;
  } catch (error) {
    if ((error as { errno?: number }).errno === 1133) return false;
    throw error;
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** Null when the user logs in with the password on file; else the server's error code (never the password). */
async function loginRefusal(credentials: {
  user: string;
  password: string;
  database: string;
  host: string;
  port: number;
}): Promise<string | null> {
  try {
    const db = await mysql.createConnection({ ...credentials, connectTimeout: 5000 });
    await db.end().catch(() => undefined);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ER_ACCESS_DENIED_ERROR" || code === "ER_DBACCESS_DENIED_ERROR") return code;
    throw error;
  }
}
