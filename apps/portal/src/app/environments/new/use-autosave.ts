"use client";
// Autosave: every change goes to this browser's storage at once, and to the server (environments.saveDraft)
// after a pause, so the draft survives a reload and can be continued later from the environments list.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { writeLocalDraft } from "./draft-storage";
import type { WizardState } from "./use-wizard";

const SERVER_SAVE_AFTER_MS = 800;

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: Date }
  | { state: "local-only"; reason: string };

export function useAutosave(wizard: WizardState): SaveStatus {
  const trpc = useTRPC();
  const saveDraft = useMutation(trpc.environments.saveDraft.mutationOptions());
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const { draftId, target, spec, step } = wizard;
  // The save reads the newest wizard and mutation through a ref: only spec and target changes schedule one.
  const latest = useRef({ wizard, saveDraft });
  latest.current = { wizard, saveDraft };
  const firstRun = useRef(true);
  // One save at a time: a second create before the first returns its id would make two drafts.
  const inFlight = useRef<Promise<unknown> | null>(null);
  // Counts changes, so "saved" is only claimed by the save of the newest change.
  const changes = useRef(0);

  useEffect(() => {
    writeLocalDraft({ draftId, target, spec, step });
  }, [draftId, target, spec, step]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: target and spec are the triggers; the save reads them through the ref.
  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    changes.current += 1;
    const version = changes.current;
    setStatus({ state: "saving" });
    const timer = setTimeout(async () => {
      await inFlight.current;
      const { wizard: now, saveDraft: mutation } = latest.current;
      const { draftId: id, setDraftId, setServerErrors } = now;
      const saving = mutation.mutateAsync({ id: id ?? undefined, target: now.target, spec: now.spec });
      inFlight.current = saving.catch(() => undefined);
      try {
        const saved = await saving;
        if (!id) {
          setDraftId(saved.id);
          window.history.replaceState(null, "", `/environments/new?draft=${saved.id}`);
        }
        setServerErrors([]);
        if (version === changes.current) setStatus({ state: "saved", at: saved.savedAt });
      } catch (error) {
        const data = (error as { data?: { fieldErrors?: { path: string; message: string }[] | null } }).data;
        if (data?.fieldErrors) setServerErrors(data.fieldErrors);
        if (version !== changes.current) return;
        setStatus({
          state: "local-only",
          reason: error instanceof Error ? error.message : "the server did not answer",
        });
      }
    }, SERVER_SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [target, spec]);

  return status;
}

export function describeSaveStatus(status: SaveStatus): string {
  switch (status.state) {
    case "idle":
      return "Changes are saved as you type.";
    case "saving":
      return "Saving draft…";
    case "saved":
      return `Draft saved at ${status.at.toLocaleTimeString("en-GB")}.`;
    case "local-only":
      return `Saved in this browser only: ${status.reason}`;
  }
}
