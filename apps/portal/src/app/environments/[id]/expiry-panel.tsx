"use client";
// Expiry on the dashboard: when the portal deletes this environment by itself (its scheduler deletes it
// through the normal delete flow, keeping the final snapshot or dump), and, for those who may change it,
// setting or removing that deadline.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { ExpiryChoiceFields } from "../expiry-choice";
import { type ExpiryChoice, expiryFrom, NO_EXPIRY, timeLeft } from "../expiry-model";

const SETTABLE = new Set(["pending", "creating", "live", "updating", "failed"]);
const button =
  "rounded border border-slate-300 px-3 py-1 text-sm font-medium disabled:opacity-50 focus-visible:ring-2 focus-visible:ring-indigo-400 dark:border-slate-700";

/** Re-renders every second while the deadline is under an hour away, so the countdown moves. */
function useTicking(expiresAt: Date | null): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return now;
}

interface Props {
  id: string;
  status: string;
  expiresAt: Date | string | null;
  mayChange: boolean;
}

export function ExpiryPanel({ id, status, expiresAt, mayChange }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<ExpiryChoice>({ ...NO_EXPIRY, preset: "1d" });
  const deadline = expiresAt ? new Date(expiresAt) : null;
  const now = useTicking(deadline);
  const set = useMutation(
    trpc.environments.setExpiry.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.environments.get.queryFilter({ id })),
    }),
  );
  if (!SETTABLE.has(status)) return null;
  const chosen = expiryFrom(choice);
  return (
    <section aria-labelledby="expiry-heading" className="space-y-2" data-testid="expiry-panel">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="expiry-heading" className="font-medium">
          Expiry
        </h2>
        <span data-testid="expiry-status" className="text-sm text-slate-700 dark:text-slate-300">
          {deadline ? (
            <>
              {deadline <= now
                ? "Expired: the portal deletes it at its next check"
                : `Deleted automatically ${timeLeft(deadline, now)}`}{" "}
              (<time dateTime={deadline.toISOString()}>{deadline.toLocaleString()}</time>)
            </>
          ) : (
            "No expiry: kept until someone deletes it"
          )}
        </span>
      </div>
      {mayChange && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            // The deadline counts from the click, not from when the choice was made.
            const result = expiryFrom(choice);
            if (result.ok) set.mutate({ id, expiresAt: result.expiresAt });
          }}
        >
          <ExpiryChoiceFields value={choice} onChange={setChoice} />
          <button type="submit" disabled={set.isPending || !chosen.ok} className={button}>
            {choice.preset === "never" ? "Remove expiry" : "Set expiry"}
          </button>
          {deadline && choice.preset !== "never" && (
            <button
              type="button"
              disabled={set.isPending}
              onClick={() => set.mutate({ id, expiresAt: null })}
              className={button}
            >
              Keep it (remove expiry)
            </button>
          )}
        </form>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        When the time comes the portal deletes the environment as Delete does (keeping the database's final
        snapshot, or a dump locally); the audit log records it as done by the system.
      </p>
      {set.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {set.error.message}
        </p>
      )}
    </section>
  );
}
