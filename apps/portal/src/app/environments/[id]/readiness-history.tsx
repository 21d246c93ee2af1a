// Earlier probes of the environment: when, why, the overall result and the first failing hop. Choosing
// one shows its hops above.
import { HOP_LABELS } from "@/server/readiness/hops";
import type { ProbeView } from "@/server/readiness/views";

export function overallText(probe: ProbeView): string {
  if (probe.status === "running") return "Checking…";
  if (probe.status === "pass") return "Ready";
  if (probe.hops.length === 0) return "Interrupted";
  return probe.failingHop ? `Not ready: ${HOP_LABELS[probe.failingHop]} failed` : "Not ready";
}

export function ReadinessHistory({
  probes,
  selectedId,
  onSelect,
}: {
  probes: ProbeView[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  if (probes.length < 2) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
        History ({probes.length} probes)
      </summary>
      <table className="mt-2 w-full text-left" data-testid="readiness-history">
        <thead className="text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-3 font-normal">When</th>
            <th className="py-1 pr-3 font-normal">Why</th>
            <th className="py-1 pr-3 font-normal">Result</th>
            <th className="py-1 font-normal">
              <span className="sr-only">Show</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {probes.map((probe) => (
            <tr key={probe.id} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1 pr-3 tabular-nums">{new Date(probe.startedAt).toLocaleString()}</td>
              <td className="py-1 pr-3">
                {probe.trigger === "operation" ? "after an operation" : "on request"}
              </td>
              <td className="py-1 pr-3">{overallText(probe)}</td>
              <td className="py-1">
                <button
                  type="button"
                  aria-pressed={probe.id === selectedId}
                  onClick={() => onSelect(probe.id)}
                  className="rounded px-2 py-0.5 text-sky-700 underline aria-pressed:font-semibold aria-pressed:no-underline dark:text-sky-400"
                >
                  {probe.id === selectedId ? "Shown" : "Show"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
