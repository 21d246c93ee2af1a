"use client";
// The wizard's state and validation. Every keystroke updates the spec at once (the preview and the
// Launch button use it); the errors shown beside fields follow after a short pause in typing, or at once
// when the field loses focus, so a half-typed CIDR is not shouted at.
import { type EnvironmentSpec, parseEnvironmentSpec, type SpecFieldError } from "@stackyard/templates";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { withOverlapsOnBothSides } from "./cross-field-errors";
import type { StoredDraft } from "./draft-storage";
import {
  type ErrorsByPath,
  indexErrors,
  type SpecDraft,
  type StepId,
  setAtPath,
  type Target,
} from "./form-model";

const SHOW_ERRORS_AFTER_MS = 300;

function validate(spec: SpecDraft): { spec: EnvironmentSpec | null; errors: SpecFieldError[] } {
  const result = parseEnvironmentSpec(spec);
  return result.ok
    ? { spec: result.spec, errors: [] }
    : { spec: null, errors: withOverlapsOnBothSides(spec, result.errors) };
}

export function useWizardState(initial: StoredDraft) {
  const [draftId, setDraftId] = useState(initial.draftId);
  const [target, setTarget] = useState<Target>(initial.target);
  const [spec, setSpec] = useState<SpecDraft>(initial.spec);
  const [step, setStep] = useState<StepId>(initial.step);
  const [shownSpec, setShownSpec] = useState<SpecDraft>(initial.spec);
  // Errors only the server can know (a name already taken); cleared when their field changes.
  const [serverErrors, setServerErrors] = useState<SpecFieldError[]>([]);

  useEffect(() => {
    if (shownSpec === spec) return;
    const timer = setTimeout(() => setShownSpec(spec), SHOW_ERRORS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [spec, shownSpec]);

  const current = useMemo(() => validate(spec), [spec]);
  const shown = useMemo(() => validate(shownSpec), [shownSpec]);
  const allErrors = useMemo(() => [...current.errors, ...serverErrors], [current.errors, serverErrors]);
  const shownErrors: ErrorsByPath = useMemo(
    () => indexErrors([...shown.errors, ...serverErrors]),
    [shown.errors, serverErrors],
  );

  const setField = useCallback((path: string, value: unknown) => {
    setSpec((previous) => setAtPath(previous, path, value));
    setServerErrors((previous) => previous.filter((error) => error.path !== path));
  }, []);
  const replaceSpec = useCallback((next: SpecDraft) => {
    setSpec(next);
    setShownSpec(next);
  }, []);
  const showErrorsNow = useCallback(() => setShownSpec(spec), [spec]);
  // The field to focus once the next step has rendered (Review's "fix this" links).
  const focusRequest = useRef<string | null>(null);
  // Bumped on every move, so choosing the step already open still moves focus to its top (or the field).
  const [focusTurn, setFocusTurn] = useState(0);
  const goTo = useCallback((next: StepId, focusPath?: string) => {
    focusRequest.current = focusPath ?? null;
    setStep(next);
    setFocusTurn((turn) => turn + 1);
    window.scrollTo({ top: 0 });
  }, []);

  return {
    draftId,
    setDraftId,
    target,
    setTarget,
    spec,
    setField,
    replaceSpec,
    step,
    goTo,
    focusRequest,
    focusTurn,
    /** The valid spec, or null while any field has an error. */
    validSpec: current.spec,
    /** Every error now (Launch, the step list): not debounced. */
    allErrors,
    /** The errors beside fields: debounced while typing. */
    shownErrors,
    showErrorsNow,
    setServerErrors,
  };
}

export type WizardState = ReturnType<typeof useWizardState>;

export const WizardContext = createContext<WizardState | null>(null);

export function useWizard(): WizardState {
  const wizard = useContext(WizardContext);
  if (!wizard) throw new Error("useWizard outside the wizard");
  return wizard;
}
