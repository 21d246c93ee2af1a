// The draft in this browser's localStorage: written on every change, so a reload restores exactly what
// was typed even before the server autosave has run. Keyed by draft id ("new" until the server gave one).
import type { SpecDraft, StepId, Target } from "./form-model";

export interface StoredDraft {
  draftId: string | null;
  target: Target;
  spec: SpecDraft;
  step: StepId;
}

const PREFIX = "stackyard:wizard:";
const keyOf = (draftId: string | null) => `${PREFIX}${draftId ?? "new"}`;

export function readLocalDraft(draftId: string | null): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(keyOf(draftId));
    const draft = text ? (JSON.parse(text) as StoredDraft) : null;
    return draft && typeof draft.spec === "object" && draft.spec !== null ? draft : null;
  } catch {
    return null; // Private mode or a corrupt entry: the server draft is the fallback.
  }
}

export function writeLocalDraft(draft: StoredDraft) {
  try {
    window.localStorage.setItem(keyOf(draft.draftId), JSON.stringify(draft));
    // Once the server knows the draft, the unsaved "new" entry must not resurrect it as a second one.
    if (draft.draftId) window.localStorage.removeItem(keyOf(null));
  } catch {
    // Storage full or disabled: the server autosave still runs.
  }
}

export function forgetLocalDraft(draftId: string | null) {
  try {
    window.localStorage.removeItem(keyOf(draftId));
    window.localStorage.removeItem(keyOf(null));
  } catch {}
}
