// When "Apply update" may be pressed, and the reason shown beside it when not. Pure, so the rules (the
// data-loss acknowledgement above all) are unit-tested without a browser.

interface ReviewedPlan {
  changes: readonly unknown[];
  dataLossWarnings: readonly string[];
  expiresAt: Date;
}

export interface ApplyGateInput {
  plan: ReviewedPlan | null;
  /** The spec as typed now differs from the one the plan was made for. */
  specChangedSinceReview: boolean;
  acknowledgedDataLoss: boolean;
  applying: boolean;
  now: Date;
}

export type ApplyGate = { enabled: true; reason: string } | { enabled: false; reason: string };

export function applyGate({
  plan,
  specChangedSinceReview,
  acknowledgedDataLoss,
  applying,
  now,
}: ApplyGateInput): ApplyGate {
  if (!plan) return { enabled: false, reason: "Review the changes first." };
  if (specChangedSinceReview)
    return { enabled: false, reason: "You changed the spec since this review: review the changes again." };
  if (plan.expiresAt.getTime() <= now.getTime())
    return { enabled: false, reason: "This review expired: review the changes again." };
  if (plan.changes.length === 0)
    return { enabled: false, reason: "Nothing would change: there is nothing to apply." };
  if (plan.dataLossWarnings.length > 0 && !acknowledgedDataLoss)
    return { enabled: false, reason: "Acknowledge the database warning above to apply this update." };
  if (applying) return { enabled: false, reason: "Starting the update…" };
  return { enabled: true, reason: `Applies ${countLabel(plan.changes.length)} to the live environment.` };
}

function countLabel(count: number) {
  return count === 1 ? "1 change" : `${count} changes`;
}

/** The spec in a comparable form: key order must not count as a change. */
export function specKey(spec: unknown): string {
  return JSON.stringify(spec, (_key, value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
