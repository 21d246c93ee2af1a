// Reading environments for the list (/) and the wizard (drafts).
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { withoutDangerousKeys } from "../json-safety";
import { type EnvironmentStatus, LIST_LIMIT, type listInput } from "./inputs";
import { localProcessesProblem } from "./local-processes";

export interface EnvironmentRow {
  id: string;
  name: string;
  target: "local" | "aws";
  region: string;
  status: EnvironmentStatus;
  monthlyCostUsd: number | null;
  appUrl: string | null;
  updatedAt: Date;
  /** When the expiry scheduler deletes it; null: kept until someone deletes it. */
  expiresAt: Date | null;
  lastOperation: { kind: string; status: string; createdAt: Date; finishedAt: Date | null } | null;
  /** The latest readiness probe (src/server/readiness); null when none has run. */
  readiness: { status: "running" | "pass" | "fail"; failingHop: string | null; startedAt: Date } | null;
}

export async function listEnvironments(
  prisma: PrismaClient,
  filter: z.output<typeof listInput>,
): Promise<EnvironmentRow[]> {
  const rows = await prisma.environment.findMany({
    where: {
      ...(filter.name ? { name: { contains: filter.name } } : {}),
      ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}),
    },
    orderBy: { updatedAt: "desc" },
    take: LIST_LIMIT,
    // Only what a row shows: Prisma reads every operation of every listed environment and keeps the newest
    // in memory, so the specs (environment and snapshots, kilobytes each) are left out.
    select: {
      id: true,
      name: true,
      target: true,
      region: true,
      status: true,
      monthlyCostUsd: true,
      outputs: true,
      updatedAt: true,
      expiresAt: true,
      operations: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { kind: true, status: true, createdAt: true, finishedAt: true },
      },
      readiness: {
        orderBy: { startedAt: "desc" },
        take: 1,
        select: { status: true, failingHop: true, startedAt: true },
      },
    },
  });
  return rows.map((row) => {
    const last = row.operations[0];
    return {
      id: row.id,
      name: row.name,
      target: row.target,
      region: row.region,
      status: row.status,
      monthlyCostUsd: row.monthlyCostUsd === null ? null : Number(row.monthlyCostUsd),
      appUrl: row.status === "live" ? appUrlOf(row.outputs) : null,
      updatedAt: row.updatedAt,
      expiresAt: row.expiresAt,
      lastOperation: last
        ? { kind: last.kind, status: last.status, createdAt: last.createdAt, finishedAt: last.finishedAt }
        : null,
      readiness: row.readiness[0] ?? null,
    };
  });
}

/** The stack's AppUrl output (packages/templates names it so), once the deploy engine has stored it. */
function appUrlOf(outputs: unknown): string | null {
  if (outputs && typeof outputs === "object" && "AppUrl" in outputs) {
    const url = (outputs as { AppUrl: unknown }).AppUrl;
    return typeof url === "string" && /^https?:\/\//.test(url) ? url : null;
  }
  return null;
}

export async function getEnvironment(prisma: PrismaClient, id: string) {
  const row = await prisma.environment.findUnique({
    where: { id },
    include: { operations: { orderBy: { createdAt: "desc" }, take: 10 } },
  });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  return {
    id: row.id,
    name: row.name,
    target: row.target,
    region: row.region,
    status: row.status,
    // Drafts saved before keys were stripped on the way in must not break the page (superjson).
    spec: withoutDangerousKeys(row.spec) as Record<string, unknown>,
    monthlyCostUsd: row.monthlyCostUsd === null ? null : Number(row.monthlyCostUsd),
    outputs: row.outputs,
    // The stack's ARN (AWS) names the account: the IAM policy shown after an AccessDenied is scoped to it.
    stackId: row.stackId,
    localProcesses: row.target === "local" && row.status === "live" ? localProcessesProblem(row.name) : null,
    ownerId: row.ownerId,
    databaseCredentialsRotatedAt: row.databaseCredentialsRotatedAt,
    expiresAt: row.expiresAt,
    updatedAt: row.updatedAt,
    operations: row.operations.map((o) => ({
      id: o.id,
      kind: o.kind,
      status: o.status,
      createdAt: o.createdAt,
      finishedAt: o.finishedAt,
      errorMessage: o.errorMessage,
      // Why following the stack is paused (throttled, expired credentials, network): a banner, not a failure.
      trackingIssue: o.trackingIssue,
      trackingIssueSince: o.trackingIssueSince,
    })),
  };
}
