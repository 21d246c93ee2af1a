"use client";
// Drift: does the running environment still match what was deployed? Deployers detect it on demand
// (CloudFormation's drift detection on AWS, which can take minutes; the sandbox against its plan locally);
// everyone sees the last detection, the differences per resource, and how to bring the environment back.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { DriftView } from "@/server/environments/drift";
import { useTRPC } from "@/trpc/client";
import { driftMarks, driftSummary, repairAdvice } from "./drift-model";

interface Props {
  id: string;
  target: "aws" | "local";
  mayChange: boolean;
}

/** The last detection's markers for the diagram (shared with the panel through the query cache). */
export function useDriftMarks(id: string | undefined) {
  const trpc = useTRPC();
  const last = useQuery(trpc.environments.lastDrift.queryOptions({ id: id ?? "" }, { enabled: Boolean(id) }));
  return driftMarks(last.data);
}

export function DriftPanel({ id, target, mayChange }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Shown again once the environment is live after an operation: read afresh (it may be stale now).
  const last = useQuery(trpc.environments.lastDrift.queryOptions({ id }, { refetchOnMount: "always" }));
  const detect = useMutation(
    trpc.environments.detectDrift.mutationOptions({
      onSuccess: (view) => queryClient.setQueryData(trpc.environments.lastDrift.queryKey({ id }), view),
    }),
  );
  const view = last.data;
  return (
    <section aria-labelledby="drift-heading" className="space-y-2" data-testid="drift-panel">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="drift-heading" className="font-medium">
          Drift
        </h2>
        <span
          data-testid="drift-summary"
          className="text-sm text-slate-600 dark:text-slate-400"
          aria-live="polite"
        >
          {detect.isPending
            ? target === "aws"
              ? "Detecting drift… CloudFormation can take a few minutes."
              : "Detecting drift…"
            : last.isLoading
              ? "Loading the last detection…"
              : view
                ? `${driftSummary(view)} (detected ${new Date(view.detectedAt).toLocaleString()})`
                : "Not detected yet"}
        </span>
        {mayChange && (
          <button
            type="button"
            onClick={() => detect.mutate({ id })}
            disabled={detect.isPending}
            className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm font-medium disabled:opacity-50 dark:border-slate-700"
          >
            {detect.isPending ? "Detecting…" : "Detect drift"}
          </button>
        )}
      </div>
      {(detect.error ?? last.error) && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {(detect.error ?? last.error)?.message}
        </p>
      )}
      {view && <DriftDetails view={view} id={id} target={target} mayChange={mayChange} />}
    </section>
  );
}

function DriftDetails({ view, id, target, mayChange }: { view: DriftView } & Props) {
  const drifted = view.resources.filter((r) => r.status === "MODIFIED" || r.status === "DELETED");
  const notChecked = view.resources.filter((r) => r.status === "NOT_CHECKED");
  return (
    <div className="space-y-2 text-sm">
      {view.stale && (
        <p data-testid="drift-stale" className="text-amber-800 dark:text-amber-300">
          An update ran after this detection: detect again to see the environment as it is now.
        </p>
      )}
      {view.detectionFailure && (
        <p className="text-amber-800 dark:text-amber-300">
          Detection failed for some resources: {view.detectionFailure}
        </p>
      )}
      {drifted.map((resource) => (
        <DriftedResource key={resource.logicalResourceId} resource={resource} />
      ))}
      {!view.complete && drifted.length > 0 && (
        <p className="text-xs text-slate-500">
          From the audit log: at most 10 resources and 3 differences each. Detect again to see everything.
        </p>
      )}
      {drifted.length > 0 && !view.stale && (
        <div
          data-testid="drift-repair"
          className="rounded border border-sky-200 bg-sky-50 p-2 dark:border-sky-900 dark:bg-sky-950"
        >
          <p>{repairAdvice(target)}</p>
          {mayChange && (
            <Link
              href={`/environments/${id}/update`}
              className="mt-1 inline-block font-medium text-sky-700 underline dark:text-sky-400"
            >
              {target === "local" ? "Bring it back: review the update" : "Open the update"}
            </Link>
          )}
        </div>
      )}
      {notChecked.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
            {notChecked.length} resource(s) not checked
          </summary>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {notChecked.map((r) => (
              <li key={r.logicalResourceId}>
                {r.logicalResourceId} ({r.resourceType}){r.reason ? `: ${r.reason}` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function DriftedResource({ resource }: { resource: DriftView["resources"][number] }) {
  return (
    <div
      data-testid={`drift-resource-${resource.logicalResourceId}`}
      className="rounded border border-amber-300 p-2 dark:border-amber-800"
    >
      <p className="font-medium">
        {resource.logicalResourceId}{" "}
        <span className="font-normal text-slate-500">({resource.resourceType})</span>: {resource.status}
      </p>
      {resource.reason && <p className="text-slate-600 dark:text-slate-400">{resource.reason}</p>}
      {resource.differences.length > 0 && (
        <table className="mt-1 w-full table-fixed text-left text-xs">
          <caption className="sr-only">Differences of {resource.logicalResourceId}</caption>
          <thead>
            <tr>
              <th scope="col" className="w-1/4">
                Property
              </th>
              <th scope="col">Expected</th>
              <th scope="col">Actual</th>
              <th scope="col" className="w-20">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {resource.differences.map((d) => (
              <tr
                key={`${d.propertyPath}|${d.differenceType}|${d.expected}|${d.actual}`}
                className="align-top"
              >
                <td className="break-all font-mono">{d.propertyPath}</td>
                <td className="whitespace-pre-wrap break-all font-mono">{d.expected || "—"}</td>
                <td className="whitespace-pre-wrap break-all font-mono">{d.actual || "—"}</td>
                <td>{d.differenceType}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
