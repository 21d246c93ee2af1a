// The loud warning when an update replaces or removes the database, with its consequences in words and
// the acknowledgement that Apply waits for.
import { useId } from "react";

export function DataLossWarning({
  warnings,
  target,
  acknowledged,
  onAcknowledgedChange,
  serverError,
}: {
  warnings: readonly string[];
  target: "local" | "aws";
  acknowledged: boolean;
  onAcknowledgedChange: (value: boolean) => void;
  /** The server's refusal, when Apply was sent without the acknowledgement. */
  serverError?: string;
}) {
  const checkboxId = useId();
  const snapshot =
    "CloudFormation takes a snapshot of the old database before replacing it (UpdateReplacePolicy: Snapshot); to get the data back you restore that snapshot yourself.";
  return (
    <section
      role="alert"
      aria-labelledby="data-loss-heading"
      data-testid="data-loss-warning"
      className="space-y-3 rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <h3 id="data-loss-heading" className="text-lg font-bold">
        {target === "aws"
          ? "This update destroys the database's data"
          : "On AWS, this update destroys the database's data"}
      </h3>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
      <p className="text-sm">
        The new database starts <strong>empty</strong>: every note is lost unless you restore it from the
        snapshot. {snapshot} The database <strong>endpoint changes</strong>: the app is pointed at the new
        one, but anything else that connects to the old address (the bastion, your tools) must be changed.
      </p>
      {target === "local" && (
        <p className="text-sm" data-testid="local-keeps-database">
          The local sandbox keeps its database and its notes (it never replaces one), but asks for the same
          acknowledgement AWS will, so rehearsing here prepares you for the real update.
        </p>
      )}
      <div className="flex items-start gap-2">
        <input
          id={checkboxId}
          type="checkbox"
          checked={acknowledged}
          onChange={(event) => onAcknowledgedChange(event.target.checked)}
          aria-describedby={serverError ? `${checkboxId}-error` : undefined}
          className="mt-1 size-4 accent-red-700"
        />
        <label htmlFor={checkboxId} className="text-sm font-semibold">
          I understand: the database's data is lost unless restored from the snapshot, and its endpoint
          changes.
        </label>
      </div>
      {serverError && (
        <p id={`${checkboxId}-error`} className="text-sm font-medium text-red-800 dark:text-red-300">
          {serverError}
        </p>
      )}
    </section>
  );
}
