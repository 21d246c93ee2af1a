// A live local environment whose processes are not running (they stopped with the database and the
// portal is starting them again, or that failed): the status alone would say "live" and be wrong.
export function LocalProcessesAlert({
  problem,
}: {
  problem: { status: "restarting" | "down"; reason: string } | null;
}) {
  if (!problem) return null;
  if (problem.status === "restarting") {
    return (
      <p
        role="status"
        data-testid="local-processes"
        className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      >
        Restarting: {problem.reason}.
      </p>
    );
  }
  return (
    <div
      role="alert"
      data-testid="local-processes"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-medium">This environment's local processes are not running</p>
      <p className="mt-1 text-sm">{problem.reason}</p>
      <p className="mt-1 text-sm">
        The portal restarts them when it starts (after the database is up); the notes database is kept.
      </p>
    </div>
  );
}
