// The change set as a table, per resource: what happens to it, whether AWS replaces it and because of
// which property (predicted from the resource specification, on both targets), and what that costs the
// user. A replaced resource is a new one: new id, new address, and for a database, new empty storage.
import type { PlannedChange } from "@/server/updates/predictions";

const ACTION_TONE: Record<string, string> = {
  Add: "text-emerald-800 dark:text-emerald-300",
  Modify: "text-amber-800 dark:text-amber-300",
  Remove: "text-red-700 dark:text-red-400",
};

const KIND_LABEL = { data: "Data", downtime: "Downtime", dns: "DNS", certificate: "Certificate" } as const;

function replacementLabel(change: PlannedChange): { text: string; loud: boolean } {
  if (change.action !== "Modify") return { text: "—", loud: false };
  // Plans reviewed before predictions existed carry only the target's own answer.
  const predicted = change.predictedReplacement ?? change.replacement;
  if (predicted === "True") return { text: "Yes, replaced", loud: true };
  if (predicted === "Conditional") return { text: "Possibly", loud: true };
  return { text: "No", loud: false };
}

const cell = "py-2 pr-4 align-top";

export function ChangeTable({
  changes,
  target,
}: {
  changes: readonly PlannedChange[];
  target: "local" | "aws";
}) {
  if (changes.length === 0) {
    return (
      <p className="text-sm" data-testid="no-changes">
        Nothing would change: the template is the same as the live one.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {target === "aws"
          ? "“Replaced on AWS” is predicted from the CloudFormation resource specification and checked against the change set; where they differ, the change set is what runs."
          : "The local sandbox changes its stand-ins in place and never replaces them; “Replaced on AWS” says what the same update would do on AWS (from the CloudFormation resource specification)."}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="change-table">
          <caption className="sr-only">Resources this update changes</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Action
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Resource
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Replaced on AWS
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                What changes
              </th>
              <th scope="col" className="py-2 font-semibold">
                What it costs you
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <ChangeRow key={change.logicalResourceId} change={change} target={target} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ChangeRow({ change, target }: { change: PlannedChange; target: "local" | "aws" }) {
  const replacement = replacementLabel(change);
  const causes = change.replacementCauses ?? [];
  return (
    <tr className="border-b border-slate-200 dark:border-slate-800">
      <td className={`${cell} font-medium ${ACTION_TONE[change.action] ?? ""}`}>
        {change.action}
        {change.predictedOnly && (
          <span className="block text-xs font-normal text-slate-700 dark:text-slate-300">
            {target === "aws" ? "predicted only" : "on AWS only"}
          </span>
        )}
      </td>
      <th scope="row" className={`${cell} font-normal`}>
        <span className="block font-mono">{change.logicalResourceId}</span>
        <span className="block font-mono text-xs text-slate-700 dark:text-slate-300">
          {change.resourceType}
        </span>
      </th>
      <td className={cell}>
        <span className={replacement.loud ? "font-semibold text-red-700 dark:text-red-400" : ""}>
          {replacement.text}
        </span>
        {replacement.loud && causes.length > 0 && (
          <span className="block text-xs">
            because of <span className="font-mono">{causes.join(", ")}</span>
          </span>
        )}
        {target === "aws" && change.replacement && change.action === "Modify" && (
          <span className="block text-xs">change set: {change.replacement}</span>
        )}
        {change.disagreement && (
          <span
            className="mt-1 block text-xs font-semibold text-amber-800 dark:text-amber-300"
            data-testid="replacement-disagreement"
          >
            ⚠ {change.disagreement}
          </span>
        )}
      </td>
      <td className={`${cell} font-mono text-xs`}>{(change.changedProperties ?? []).join(", ") || "—"}</td>
      <td className="py-2 align-top">
        {(change.consequences ?? []).length === 0 ? (
          "—"
        ) : (
          <ul className="space-y-1">
            {change.consequences.map((c) => (
              <li key={c.text}>
                <span className="font-semibold">{KIND_LABEL[c.kind]}:</span> {c.text}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
