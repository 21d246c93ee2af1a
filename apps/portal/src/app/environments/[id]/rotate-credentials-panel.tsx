"use client";
// "Rotate database password": a new password now, on AWS through Secrets Manager (RDS also rotates it every
// 7 days by itself), locally by ALTER USER and the secret file rewritten. notes-api re-reads the secret
// when the database refuses the old password, so the app keeps serving; the panel says when it last ran.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

interface Props {
  id: string;
  target: "aws" | "local";
  rotatedAt: Date | string | null;
}

export function RotateCredentialsPanel({ id, target, rotatedAt }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rotate = useMutation(
    trpc.environments.rotateDatabaseCredentials.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.environments.get.queryFilter({ id })),
    }),
  );
  const last = rotate.data?.rotatedAt ?? rotatedAt;
  return (
    <section aria-labelledby="rotate-heading" className="space-y-2" data-testid="rotate-credentials-panel">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="rotate-heading" className="font-medium">
          Database password
        </h2>
        <span data-testid="last-rotation" className="text-sm text-slate-600 dark:text-slate-400">
          {last
            ? `Last rotated from the portal ${new Date(last).toLocaleString()}`
            : "Never rotated from the portal"}
        </span>
        <button
          type="button"
          onClick={() => rotate.mutate({ id })}
          disabled={rotate.isPending}
          className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm font-medium disabled:opacity-50 dark:border-slate-700"
        >
          {rotate.isPending ? "Rotating…" : "Rotate database password"}
        </button>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {target === "aws"
          ? "Asks Secrets Manager to rotate the RDS-managed secret now (RDS also rotates it every 7 days). The app reads the new password when the database refuses the old one; running tasks keep serving."
          : "Sets a new random password on the sandbox's database user and rewrites its secret file; the notes-api processes read it when the database refuses the old one."}
      </p>
      <p aria-live="polite" className="text-sm">
        {rotate.isSuccess && <span data-testid="rotation-done">Rotated: the new password is in effect.</span>}
      </p>
      {rotate.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {rotate.error.message}
        </p>
      )}
    </section>
  );
}
