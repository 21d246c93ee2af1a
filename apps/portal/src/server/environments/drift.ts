// environments.detectDrift and environments.lastDrift: whether the running environment still matches what
// was deployed, through the target's `drift` capability (CloudFormation's drift detection on AWS; the
// sandbox compared with its plan locally). Each detection is audited with its summary and the drifted
// resources (bounded), and that audit entry is what lastDrift shows after a reload: the audit log is
// already the record of who detected what and when, on every replica.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import {
  DeployError,
  type DeployTarget,
  type DriftCounts,
  type DriftReport,
  driftCounts,
  type ResourceDrift,
  stackRefOf,
} from "@stackyard/deploy";
import { TRPCError } from "@trpc/server";
import { driverFor as defaultDriverFor } from "../deploy-drivers";
import { SingleFlight } from "../single-flight";
import type { DriverFor } from "./logs";

export interface DriftView {
  environmentId: string;
  stackStatus: DriftReport["stackStatus"];
  detectedAt: Date;
  counts: DriftCounts;
  resources: ResourceDrift[];
  detectionFailure: string | null;
  /** False when the resources list was cut to fit the audit log (lastDrift); detect again for all. */
  complete: boolean;
  /** An operation (an update: perhaps the one that brought it back) started after this detection. */
  stale: boolean;
}

/** One detection per environment at a time in this process: a second click joins the running one. */
const detections = new SingleFlight<DriftReport>();

export async function detectDrift(
  prisma: PrismaClient,
  id: string,
  driverFor: DriverFor = defaultDriverFor,
): Promise<DriftView> {
  const environment = await prisma.environment.findUnique({
    where: { id },
    select: { id: true, name: true, stackId: true, target: true, region: true, status: true },
  });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  if (environment.status !== "live") {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This environment is ${environment.status}: drift can be detected on a live environment only`,
    });
  }
  const detector = driverFor(environment.target as DeployTarget, environment.region).drift;
  if (!detector) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This target cannot detect drift" });
  }
  const stack = stackRefOf(environment);
  try {
    const report = await detections.run(`${id}:${environment.stackId ?? ""}`, () => detector.detect(stack));
    return viewOf(id, report);
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    // The drivers' messages are written for users: the audit log and the page show them as they are.
    const code = error.code === "STACK_NOT_FOUND" ? "NOT_FOUND" : "PRECONDITION_FAILED";
    throw new TRPCError({ code, message: `Drift detection failed: ${error.message}`, cause: error });
  }
}

function viewOf(environmentId: string, report: DriftReport): DriftView {
  return {
    environmentId,
    stackStatus: report.stackStatus,
    detectedAt: report.detectedAt,
    counts: driftCounts(report.resources),
    resources: report.resources,
    detectionFailure: report.detectionFailure ?? null,
    complete: true,
    stale: false,
  };
}

const MAX_AUDITED_RESOURCES = 10;
const MAX_AUDITED_DIFFERENCES = 3;
const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);

/** The audit entry's detail: the summary and the drifted resources, small enough for the log (16 KiB). */
export function driftAuditDetail(view: DriftView): Record<string, unknown> {
  const drifted = view.resources.filter((r) => r.status === "MODIFIED" || r.status === "DELETED");
  return {
    stackStatus: view.stackStatus,
    detectedAt: view.detectedAt.toISOString(),
    counts: view.counts,
    ...(view.detectionFailure ? { detectionFailure: clip(view.detectionFailure) } : {}),
    drifted: drifted.slice(0, MAX_AUDITED_RESOURCES).map((r) => ({
      logicalResourceId: r.logicalResourceId,
      resourceType: r.resourceType,
      status: r.status,
      ...(r.reason ? { reason: clip(r.reason) } : {}),
      differences: r.differences.slice(0, MAX_AUDITED_DIFFERENCES).map((d) => ({
        propertyPath: clip(d.propertyPath),
        expected: clip(d.expected),
        actual: clip(d.actual),
        differenceType: d.differenceType,
      })),
      moreDifferences: Math.max(0, r.differences.length - MAX_AUDITED_DIFFERENCES),
    })),
  };
}

interface AuditedDrift {
  stackStatus: DriftReport["stackStatus"];
  detectedAt: string;
  counts: DriftCounts;
  detectionFailure?: string;
  drifted: (ResourceDrift & { moreDifferences: number })[];
}

/** The last successful detection recorded for the environment, or null when there was none. */
export async function lastDrift(prisma: PrismaClient, id: string): Promise<DriftView | null> {
  const entry = await prisma.auditEntry.findFirst({
    where: { action: "environment.detect_drift", outcome: "success", targetId: id },
    orderBy: { at: "desc" },
    select: { detail: true, at: true },
  });
  const detail = entry?.detail as unknown as AuditedDrift | null | undefined;
  if (!detail?.counts || !Array.isArray(detail.drifted)) return null;
  const detectedAt = new Date(detail.detectedAt);
  const later = await prisma.operation.count({
    where: { environmentId: id, createdAt: { gt: entry?.at ?? detectedAt } },
  });
  return {
    environmentId: id,
    stackStatus: detail.stackStatus,
    detectedAt,
    counts: detail.counts,
    resources: detail.drifted,
    detectionFailure: detail.detectionFailure ?? null,
    complete: false,
    stale: later > 0,
  };
}
