// Following the stack is paused (AWS throttled us, the portal's credentials expired, the network failed):
// the stack goes on in AWS regardless, so this is a banner, not a failure; tracking resumes by itself.
export function TrackingPausedBanner({ issue, since }: { issue: string; since: Date | string | null }) {
  const from = since ? new Date(since).toLocaleTimeString("en-GB") : null;
  return (
    <div
      role="status"
      data-testid="tracking-paused"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">Following the stack is paused{from ? ` since ${from}` : ""}</p>
      <p className="mt-1">{issue}</p>
      <p className="mt-1">
        The operation goes on in AWS meanwhile; this page catches up by itself once it can.
      </p>
    </div>
  );
}
