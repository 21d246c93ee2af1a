// Deletes environments whose expiresAt has passed, through the normal delete flow (deleteEnvironment: the
// engine's delete, which keeps a snapshot on AWS and a dump locally), audited as the system. One portal
// process runs it at a time (the "expiry-scheduler" lease); the conditional status change in
// deleteEnvironment also makes each expiry start at most one delete, whoever runs the tick. It keeps no
// state of its own, so a restart simply carries on from the database.
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../audit/record";
import { errorText, logger } from "../logger";
import { claimNamedLease, releaseNamedLease } from "../named-lease";
import type { OperationStarter } from "../operations/hand-over";
import { deleteEnvironment } from "./delete";

/** How the audit log names the portal acting on its own (no user's e-mail has no @). */
export const SYSTEM_ACTOR = "system";
export const EXPIRY_LEASE = "expiry-scheduler";
const log = logger.child({ component: "expiry-scheduler" });
/** At most this many deletes are started per tick: a backlog is worked off over the next ticks. */
const BATCH = 20;

export interface ExpirySchedulerOptions {
  prisma: PrismaClient;
  starter: OperationStarter;
  intervalMs: number;
  /** Defaults to three intervals (at least 30 s): a holder that died is replaced after that. */
  leaseMs?: number;
  owner?: string;
  now?: () => Date;
}

export class ExpiryScheduler {
  readonly owner: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ExpirySchedulerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.running = this.tick()
        .catch((error: unknown) => log.error({ error: errorText(error) }, "expiry tick failed"))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await releaseNamedLease(this.options.prisma, EXPIRY_LEASE, this.owner);
  }

  /** One pass: the ids of the environments whose delete this pass started (none without the lease). */
  async tick(): Promise<string[]> {
    const { prisma } = this.options;
    const leaseMs = this.options.leaseMs ?? Math.max(3 * this.options.intervalMs, 30_000);
    if (!(await claimNamedLease(prisma, EXPIRY_LEASE, this.owner, leaseMs))) return [];
    const now = this.options.now?.() ?? new Date();
    const expired = await prisma.environment.findMany({
      where: { expiresAt: { lte: now }, status: { in: ["live", "failed"] } },
      orderBy: { expiresAt: "asc" },
      take: BATCH,
      select: { id: true, name: true, expiresAt: true },
    });
    const started: string[] = [];
    for (const environment of expired) {
      if (await this.deleteExpired(environment, now)) started.push(environment.id);
    }
    return started;
  }

  private async deleteExpired(
    environment: { id: string; name: string; expiresAt: Date | null },
    now: Date,
  ): Promise<boolean> {
    const { prisma, starter } = this.options;
    const detail = { reason: "expired", expiresAt: environment.expiresAt?.toISOString() ?? null };
    const audit = (outcome: "success" | "failure", extra: Record<string, unknown>) =>
      recordAudit(prisma, {
        action: "environment.delete",
        outcome,
        actor: null,
        actorEmail: SYSTEM_ACTOR,
        target: { type: "environment", id: environment.id },
        detail: { ...detail, ...extra },
      });
    try {
      const result = await deleteEnvironment(prisma, environment.id, starter, now);
      const operationId = result.removedDraft ? null : result.operationId;
      await audit("success", { operationId });
      log.info({ environmentId: environment.id, operationId }, "expired environment deleted");
      return true;
    } catch (error) {
      // Someone deleted, updated or re-timed it meanwhile (or another scheduler won): nothing was changed.
      if (error instanceof TRPCError && (error.code === "CONFLICT" || error.code === "NOT_FOUND"))
        return false;
      await audit("failure", { error: error instanceof TRPCError ? error.message : "internal error" });
      log.error(
        { environmentId: environment.id, error: errorText(error) },
        "expired environment not deleted",
      );
      return false;
    }
  }
}
