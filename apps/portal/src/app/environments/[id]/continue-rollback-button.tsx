"use client";
// After UPDATE_ROLLBACK_FAILED, CloudFormation accepts nothing but a continued rollback: offered here once
// the user has fixed what the events name (ContinueUpdateRollback, through environments.continueRollback).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

export function ContinueRollbackButton({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resume = useMutation(
    trpc.environments.continueRollback.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={resume.isPending || resume.isSuccess}
        onClick={() => resume.mutate({ id })}
        className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus-visible:ring-2 focus-visible:ring-red-400 focus-visible:ring-offset-2 disabled:opacity-40"
      >
        {resume.isPending ? "Continuing…" : "Continue rollback"}
      </button>
      <span className="text-sm">Fix the cause first; the stack then returns to its previous version.</span>
      {resume.error && (
        <p role="alert" className="w-full text-sm">
          {resume.error.message}
        </p>
      )}
    </div>
  );
}
