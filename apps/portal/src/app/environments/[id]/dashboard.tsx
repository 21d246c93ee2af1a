"use client";
// The live dashboard of one environment: progress, timeline, events, outputs and actions.
import { renderTemplate, resolveSpec } from "@stackyard/templates";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { EventView } from "@/server/routers/events";
import { useTRPC } from "@/trpc/client";
import { useMe } from "../../_auth/use-me";
import { accountOfStackArn, isAccessDenied } from "../../_aws/iam-policy-model";
import { IamPolicyPanel } from "../../_aws/iam-policy-panel";
import { ArchitectureDiagram } from "./architecture-diagram";
import { ContinueRollbackButton } from "./continue-rollback-button";
import { DatabaseAccessPanel } from "./database-access-panel";
import { DeletePanel } from "./delete-panel";
import { DriftPanel } from "./drift-panel";
import { EventList } from "./event-list";
import { ExpiryPanel } from "./expiry-panel";
import { HealthPanel } from "./health-panel";
import { LocalProcessesAlert } from "./local-processes-alert";
import { LogsPanel } from "./logs-panel";
import { OutputsPanel } from "./outputs-panel";
import { computeProgress } from "./progress";
import { ProgressBar } from "./progress-bar";
import { ReadinessPanel } from "./readiness-panel";
import { RotateCredentialsPanel } from "./rotate-credentials-panel";
import { Timeline } from "./timeline";
import { TrackingPausedBanner } from "./tracking-paused-banner";
import { useLiveEvents } from "./use-live-events";

const RUNNING = new Set(["pending", "creating", "updating", "deleting"]);

function useNow(active: boolean) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

// Local processes being restarted (or down) change without a stack event: look again until they run.
const refetchWhileDown = (query: { state: { data?: { localProcesses: unknown } } }) =>
  query.state.data?.localProcesses ? 5_000 : false;

function templateOf(spec: unknown) {
  try {
    return renderTemplate(resolveSpec(spec));
  } catch {
    return null;
  }
}

export function Dashboard({ environmentId }: { environmentId: string }) {
  const trpc = useTRPC();
  const { mayChange } = useMe();
  const queryClient = useQueryClient();
  // Events drive most refreshes; while an operation runs, a slow poll also catches status changes that
  // arrive without a new event (e.g. recorded by another portal process).
  const environment = useQuery(
    trpc.environments.get.queryOptions(
      { id: environmentId },
      {
        refetchInterval: (query) =>
          RUNNING.has(query.state.data?.status ?? "") ? 2_000 : refetchWhileDown(query),
      },
    ),
  );
  const refreshOnStackEvent = useCallback(
    (event: EventView) => {
      if (event.resourceType === "AWS::CloudFormation::Stack")
        void queryClient.invalidateQueries(trpc.environments.get.queryFilter());
    },
    [queryClient, trpc],
  );
  const live = useLiveEvents(environmentId, refreshOnStackEvent);
  const [resourceFilter, setResourceFilter] = useState("");
  const env = environment.data;
  const rendered = useMemo(() => (env ? templateOf(env.spec) : null), [env]);
  const operation = env?.operations[0];
  const running = env ? RUNNING.has(env.status) : false;
  const now = useNow(running);
  const operationEvents = useMemo(
    () => live.events.filter((e) => e.operationId === operation?.id),
    [live.events, operation?.id],
  );
  const resources = useMemo(
    () =>
      Object.entries(rendered?.template.Resources ?? {}).map(([logicalResourceId, r]) => ({
        logicalResourceId,
        resourceType: r.Type,
      })),
    [rendered],
  );
  // An update touches only the resources its change set names: count those, not the whole template.
  const progressResources = useMemo(
    () =>
      operation?.kind === "update"
        ? resources.filter((r) => operationEvents.some((e) => e.logicalResourceId === r.logicalResourceId))
        : resources,
    [operation?.kind, resources, operationEvents],
  );
  const progress = computeProgress(operationEvents, progressResources, env?.target ?? "local", now);

  if (environment.isPending) return <p className="text-slate-500">Loading the environment…</p>;
  if (environment.isError || !env) {
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        {environment.error?.message ?? "Not found"}.{" "}
        <Link href="/" className="underline">
          Back to environments
        </Link>
      </p>
    );
  }
  const failure =
    operation?.status === "failed" || operation?.status === "rolled_back" ? operation.errorMessage : null;
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{env.name}</h1>
        <span
          data-testid="environment-status"
          className="rounded-full bg-slate-200 px-2 py-0.5 text-sm font-medium dark:bg-slate-800"
        >
          {env.status}
        </span>
        <span className="text-sm text-slate-500">
          {env.target === "local" ? "local sandbox" : `AWS ${env.region}`}
          {operation && ` · ${operation.kind} ${operation.status}`}
        </span>
        {env.status === "live" && mayChange(env.ownerId) && (
          <Link
            href={`/environments/${env.id}/update`}
            className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-2"
          >
            Update
          </Link>
        )}
        <span className="ml-auto text-xs text-slate-500" aria-live="polite">
          {live.connection === "pending"
            ? "live"
            : live.connection === "connecting"
              ? "connecting…"
              : live.connection}
        </span>
      </header>
      {failure && (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-medium">The {operation?.kind} failed</p>
          <p className="mt-1 text-sm" data-testid="failure-reason">
            {failure}
          </p>
          {env.target === "aws" && failure.includes("UPDATE_ROLLBACK_FAILED") && mayChange(env.ownerId) && (
            <ContinueRollbackButton id={env.id} />
          )}
          {env.target === "aws" && isAccessDenied(failure) && (
            <div className="mt-3 text-slate-900 dark:text-slate-100">
              <IamPolicyPanel
                spec={env.spec}
                accountId={accountOfStackArn(env.stackId)}
                intro="AWS refused a request for lack of a permission. Attach the policy below to the identity the portal runs as, then try the operation again."
              />
            </div>
          )}
        </div>
      )}
      {operation?.trackingIssue && (operation.status === "running" || operation.status === "pending") && (
        <TrackingPausedBanner issue={operation.trackingIssue} since={operation.trackingIssueSince} />
      )}
      <LocalProcessesAlert problem={env.localProcesses} />
      {env.status !== "draft" && <ProgressBar progress={progress} running={running} />}
      <OutputsPanel outputs={env.outputs} />
      <ExpiryPanel
        id={env.id}
        status={env.status}
        expiresAt={env.expiresAt}
        mayChange={mayChange(env.ownerId)}
      />
      {env.status !== "draft" && <DatabaseAccessPanel id={env.id} status={env.status} />}
      <ReadinessPanel
        environmentId={env.id}
        status={env.status}
        lastOperationFinishedAt={operation?.status === "succeeded" ? operation.finishedAt : null}
      />
      <HealthPanel id={env.id} status={env.status} target={env.target} />
      <LogsPanel id={env.id} status={env.status} />
      {env.status === "live" && mayChange(env.ownerId) && (
        <RotateCredentialsPanel
          id={env.id}
          target={env.target}
          rotatedAt={env.databaseCredentialsRotatedAt}
        />
      )}
      {env.status === "live" && (
        <DriftPanel id={env.id} target={env.target} mayChange={mayChange(env.ownerId)} />
      )}
      <ArchitectureDiagram
        rendered={rendered}
        events={live.events}
        resourceFilter={resourceFilter}
        onResourceFilterChange={setResourceFilter}
      />
      <Timeline spans={progress.spans} now={now} />
      <EventList
        events={live.events}
        resourceFilter={resourceFilter}
        onResourceFilterChange={setResourceFilter}
      />
      {rendered && (
        <a
          download={`${env.name}.template.yaml`}
          href={`data:text/yaml;charset=utf-8,${encodeURIComponent(rendered.yaml)}`}
          className="inline-block text-sm text-sky-700 underline dark:text-sky-400"
        >
          Download the CloudFormation template (YAML)
        </a>
      )}
      {(env.status === "live" || env.status === "failed") && mayChange(env.ownerId) && (
        <DeletePanel
          id={env.id}
          name={env.name}
          target={env.target}
          protectedDatabase={isDeletionProtected(env.spec)}
          retry={env.status === "failed" && operation?.kind === "delete"}
        />
      )}
    </div>
  );
}

function isDeletionProtected(spec: Record<string, unknown>): boolean {
  const database = spec.database as { deletionProtection?: unknown } | undefined;
  return database?.deletionProtection !== false;
}
