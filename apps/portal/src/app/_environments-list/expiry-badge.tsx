// The list's "time left" for a preview environment: when the portal deletes it by itself.
import { timeLeft } from "../environments/expiry-model";

const ACTIVE = new Set(["pending", "creating", "live", "updating", "failed"]);

export function ExpiryBadge({ status, expiresAt }: { status: string; expiresAt: Date | null }) {
  if (!expiresAt || !ACTIVE.has(status)) return null;
  return (
    <time
      dateTime={expiresAt.toISOString()}
      title={`Deleted automatically at ${expiresAt.toLocaleString("en-GB")}`}
      data-testid="expiry-badge"
      className="mt-1 block text-xs text-amber-800 dark:text-amber-300"
    >
      {expiresAt.getTime() <= Date.now() ? "expired: being deleted" : `deleted ${timeLeft(expiresAt)}`}
    </time>
  );
}
