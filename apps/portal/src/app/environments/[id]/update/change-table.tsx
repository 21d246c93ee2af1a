// The change set as a table: what happens to each resource, and whether it is replaced (a replaced
// resource is a new one: new id, new address, and for a database, new empty storage).
import type { ResourceChange } from "@/server/deploy/driver";

const ACTION_TONE: Record<string, string> = {
  Add: "text-emerald-800 dark:text-emerald-300",
  Modify: "text-amber-800 dark:text-amber-300",
  Remove: "text-red-700 dark:text-red-400",
};

function replacementLabel(change: ResourceChange): { text: string; loud: boolean } {
  if (change.action !== "Modify") return { text: "—", loud: false };
  if (change.replacement === "True") return { text: "Yes, replaced", loud: true };
  if (change.replacement === "Conditional") return { text: "Possibly", loud: true };
  return { text: "No", loud: false };
}

export function ChangeTable({ changes }: { changes: readonly ResourceChange[] }) {
  if (changes.length === 0) {
    return (
      <p className="text-sm" data-testid="no-changes">
        Nothing would change: the template is the same as the live one.
      </p>
    );
  }
  return (
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
              Type
            </th>
            <th scope="col" className="py-2 font-semibold">
              Replacement
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => {
            const replacement = replacementLabel(change);
            return (
              <tr key={change.logicalResourceId} className="border-b border-slate-200 dark:border-slate-800">
                <td className={`py-2 pr-4 font-medium ${ACTION_TONE[change.action] ?? ""}`}>
                  {change.action}
                </td>
                <th scope="row" className="py-2 pr-4 font-mono font-normal">
                  {change.logicalResourceId}
                </th>
                <td className="py-2 pr-4 font-mono text-xs">{change.resourceType}</td>
                <td
                  className={`py-2 ${replacement.loud ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
                >
                  {replacement.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
