"use client";
// Delete is irreversible for everything but the data: the user types the name to confirm, and is told
// what is kept (a final RDS snapshot in AWS; a dump of the notes database in the local sandbox).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/trpc/client";

export function DeletePanel({
  id,
  name,
  target,
  protectedDatabase,
  retry,
}: {
  id: string;
  name: string;
  target: "local" | "aws";
  /** Deletion protection is on: the delete first turns it off with an update. */
  protectedDatabase: boolean;
  /** The last delete failed: this is a retry. */
  retry: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const remove = useMutation(
    trpc.environments.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const kept =
    target === "aws"
      ? "RDS takes a final snapshot of the database, which is kept (and billed) until you delete it."
      : "A dump of the notes database is kept under .data/<instance>/sandbox/<name>/dumps/.";
  return (
    <section
      aria-labelledby="delete-heading"
      className="space-y-2 rounded-lg border border-red-200 p-4 dark:border-red-900"
    >
      <h2 id="delete-heading" className="font-medium text-red-700 dark:text-red-400">
        Delete this environment
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Every resource of the stack is removed. {kept}
      </p>
      {protectedDatabase && (
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="deletion-protection-note">
          Deletion protection is on for the database, and RDS refuses to delete a protected instance. The
          portal first applies an update that turns it off (the final snapshot still keeps your data), then
          deletes the stack; both phases show in the events below.
        </p>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === name) remove.mutate({ id });
        }}
      >
        <label htmlFor={inputId} className="text-sm">
          Type <strong className="font-mono">{name}</strong> to confirm
          <input
            id={inputId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            className="mt-1 block rounded border border-slate-300 bg-transparent px-2 py-1 font-mono dark:border-slate-700"
          />
        </label>
        <button
          type="submit"
          disabled={typed !== name || remove.isPending}
          className="rounded bg-red-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40"
        >
          {remove.isPending ? "Deleting…" : retry ? "Retry delete" : "Delete environment"}
        </button>
      </form>
      {remove.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {remove.error.message}
        </p>
      )}
    </section>
  );
}
