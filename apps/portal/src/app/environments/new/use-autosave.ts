"use client";
// Autosave: every change goes to this browser's storage at once, and to the server (environments.saveDraft)
// after a pause, so the draft survives a reload and can be continued later from the environments list.
// Launch stops it first: a save landing after the launch would rewrite the URL under the navigation to the
// dashboard (Next turns an outside replaceState into a restore that drops it) or erase the launch's errors.
import { useMutation } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { writeLocalDraft } from "../_wizard/draft-storage";
import type { WizardState } from "../_wizard/use-wizard";

const SERVER_SAVE_AFTER_MS = 800;

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: Date }
  | { state: "local-only"; reason: string };

export interface Autosave {
  status: SaveStatus;
  /**
   * Stops saving: the pending save is cancelled, the one in flight awaited. Resolves to the draft's id
   * (null when the server has none yet). Until resume(), nothing touches the URL, the id or the errors.
   */
  stop: () => Promise<string | null>;
  /** Saves again after a stop (a launch that failed), starting with any change the stop cancelled. */
  resume: () => void;
}

export function useAutosave(wizard: WizardState): Autosave {
  const trpc = useTRPC();
  const saveDraft = useMutation(trpc.environments.saveDraft.mutationOptions());
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const { draftId, target, spec, step } = wizard;
  // The save reads the newest wizard and mutation through a ref: only spec and target changes schedule one.
  const latest = useRef({ wizard, saveDraft });
  latest.current = { wizard, saveDraft };
  const firstRun = useRef(true);
  // One save at a time: a second create before the first returns its id would make two drafts.
  // Resolves to the saved draft's id (null when that save failed).
  const inFlight = useRef<Promise<string | null> | null>(null);
  // Counts changes, so "saved" is only claimed by the save of the newest change.
  const changes = useRef(0);
  const stopped = useRef(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A change the server has not seen because a stop cancelled or skipped its save.
  const unsaved = useRef(false);

  useEffect(() => {
    writeLocalDraft({ draftId, target, spec, step });
  }, [draftId, target, spec, step]);

  const save = useCallback(async (version: number) => {
    pending.current = null;
    await inFlight.current;
    if (stopped.current) return;
    const { wizard: now, saveDraft: mutation } = latest.current;
    const { draftId: id, setDraftId, setServerErrors } = now;
    const saving = mutation.mutateAsync({ id: id ?? undefined, target: now.target, spec: now.spec });
    inFlight.current = saving.then(
      (saved) => saved.id,
      () => null,
    );
    try {
      const saved = await saving;
      if (stopped.current) return;
      if (!id) {
        setDraftId(saved.id);
        window.history.replaceState(null, "", `/environments/new?draft=${saved.id}`);
      }
      // A saved name is no longer taken; errors of a failed launch (checks, target) stay until fixed.
      setServerErrors((errors) => errors.filter((error) => error.path !== "name"));
      if (version === changes.current) setStatus({ state: "saved", at: saved.savedAt });
    } catch (error) {
      if (stopped.current) return;
      const data = (error as { data?: { fieldErrors?: { path: string; message: string }[] | null } }).data;
      if (data?.fieldErrors) setServerErrors(data.fieldErrors);
      if (version !== changes.current) return;
      setStatus({
        state: "local-only",
        reason: error instanceof Error ? error.message : "the server did not answer",
      });
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: target and spec are the triggers; the save reads them through the ref.
  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    changes.current += 1;
    if (stopped.current) {
      unsaved.current = true;
      return;
    }
    const version = changes.current;
    setStatus({ state: "saving" });
    pending.current = setTimeout(() => void save(version), SERVER_SAVE_AFTER_MS);
    return () => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [target, spec]);

  // After unmount (the dashboard opened) no save may touch the URL or state.
  useEffect(() => {
    stopped.current = false;
    return () => {
      stopped.current = true;
    };
  }, []);

  const stop = useCallback(async () => {
    stopped.current = true;
    if (pending.current) {
      clearTimeout(pending.current);
      unsaved.current = true;
    }
    pending.current = null;
    const savedId = await inFlight.current;
    return savedId ?? latest.current.wizard.draftId ?? null;
  }, []);

  const resume = useCallback(() => {
    if (!stopped.current) return;
    stopped.current = false;
    if (!unsaved.current) return;
    unsaved.current = false;
    void save(changes.current);
  }, [save]);

  return { status, stop, resume };
}

export const AutosaveContext = createContext<Autosave | null>(null);

export function useAutosaveControl(): Autosave {
  const autosave = useContext(AutosaveContext);
  if (!autosave) throw new Error("useAutosaveControl outside the wizard");
  return autosave;
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
