// One node of the architecture diagram (a button that filters the event list to its resource), the
// subnet boxes around them, and the legend. Status is given by colour, a symbol and text, never colour alone.
import type { ReactNode } from "react";
import { NODE_STATUS_LABEL, type NodeStatus } from "./architecture-status";
import type { ArchNode, SubnetBox } from "./architecture-types";
import type { DriftMark } from "./drift-model";

const STATUS_STYLE: Record<NodeStatus, { box: string; mark: string }> = {
  "not-started": {
    box: "border-dashed border-slate-300 bg-white text-slate-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-400",
    mark: "○",
  },
  "in-progress": {
    box: "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100",
    mark: "◔",
  },
  complete: {
    box: "border-emerald-500 bg-emerald-50 text-emerald-900 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-100",
    mark: "✓",
  },
  failed: {
    box: "border-red-500 bg-red-50 text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100",
    mark: "✕",
  },
  deleting: {
    box: "border-slate-400 bg-slate-100 text-slate-800 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-200",
    mark: "◌",
  },
  deleted: {
    box: "border-dotted border-slate-400 bg-slate-50 text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-400",
    mark: "–",
  },
};

function statusText(node: ArchNode): string {
  if (!node.status) return "";
  const base = NODE_STATUS_LABEL[node.status];
  return node.failureReason && node.status !== "failed" ? `${base}, failed earlier` : base;
}

/** The accessible name: what the node is, which resource, its status and why it failed. */
function accessibleName(node: ArchNode): string {
  const what = node.logicalId ? `${node.label} (${node.logicalId})` : node.label;
  if (!node.status) return what;
  const failure = node.failureReason ? `: ${node.failureReason}` : "";
  return `${what}: ${statusText(node)}${failure}`;
}

export interface NodeSelection {
  selected: string | null;
  onSelect: (logicalId: string) => void;
  /** The last drift detection's MODIFIED/DELETED resources (drift-panel.tsx), by logical id. */
  drift?: Record<string, DriftMark>;
}

export function NodeButton({ node, selection }: { node: ArchNode; selection: NodeSelection }) {
  if (!node.logicalId || !node.status) {
    return (
      <div className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium dark:border-slate-600">
        {node.label}
      </div>
    );
  }
  const logicalId = node.logicalId;
  const style = STATUS_STYLE[node.status];
  const failedRing = node.failureReason ? "ring-2 ring-red-500" : "";
  const drift = selection.drift?.[logicalId];
  const name = drift ? `${accessibleName(node)}; drift: ${drift.toLowerCase()}` : accessibleName(node);
  return (
    <button
      type="button"
      data-testid={`architecture-node-${node.id}`}
      data-status={node.status}
      aria-label={name}
      aria-pressed={selection.selected === logicalId}
      title={name}
      onClick={() => selection.onSelect(logicalId)}
      className={`w-full min-w-0 rounded-md border-2 px-2 py-1 text-left text-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 aria-pressed:outline-2 aria-pressed:outline-sky-600 ${style.box} ${failedRing}`}
    >
      <span className="flex items-baseline gap-1 font-medium">
        <span aria-hidden="true">{style.mark}</span>
        <span className="truncate">{node.label}</span>
        <span className="ml-auto shrink-0 pl-1 font-normal opacity-80">{statusText(node)}</span>
      </span>
      {node.detail && <span className="block truncate opacity-80">{node.detail}</span>}
      {drift && (
        <span
          data-testid={`drift-marker-${node.id}`}
          className="mt-0.5 inline-block rounded bg-amber-200 px-1 font-medium text-amber-950"
        >
          ⚠ drift: {drift === "DELETED" ? "deleted" : "modified"}
        </span>
      )}
    </button>
  );
}

export function SubnetFrame({ box, selection }: { box: SubnetBox; selection: NodeSelection }) {
  return (
    <div className="space-y-1 rounded-md border border-slate-200 bg-slate-50/60 p-1.5 dark:border-slate-700 dark:bg-slate-900/60">
      <NodeButton node={box.subnet} selection={selection} />
      {box.members.map((member) => (
        <NodeButton key={member.id} node={member} selection={selection} />
      ))}
    </div>
  );
}

export function Tier({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {title}
      </p>
      {children}
    </div>
  );
}

export function Legend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
      {(Object.keys(STATUS_STYLE) as NodeStatus[]).map((status) => (
        <li key={status} className="flex items-center gap-1">
          <span
            aria-hidden="true"
            className={`inline-flex h-4 w-4 items-center justify-center rounded border-2 text-[10px] ${STATUS_STYLE[status].box}`}
          >
            {STATUS_STYLE[status].mark}
          </span>
          {NODE_STATUS_LABEL[status]}
        </li>
      ))}
      <li className="flex items-center gap-1">
        <span aria-hidden="true" className="inline-block h-4 w-4 rounded ring-2 ring-red-500" />
        failed during the last attempt
      </li>
    </ul>
  );
}
