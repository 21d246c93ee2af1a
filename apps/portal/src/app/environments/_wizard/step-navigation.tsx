"use client";
// Back / Next under a wizard step (the launch wizard and the update page share the steps).
import { STEPS } from "./form-model";
import { useWizard } from "./use-wizard";

const nav = "rounded-md px-4 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-indigo-500";

export function StepNavigation() {
  const wizard = useWizard();
  const index = STEPS.findIndex((step) => step.id === wizard.step);
  const previous = STEPS[index - 1];
  const next = STEPS[index + 1];
  return (
    <div className="flex justify-between border-t border-slate-200 pt-4 dark:border-slate-800">
      {previous ? (
        <button
          type="button"
          className={`${nav} hover:bg-slate-200 dark:hover:bg-slate-800`}
          onClick={() => wizard.goTo(previous.id)}
        >
          Back: {previous.title}
        </button>
      ) : (
        <span />
      )}
      {next && (
        <button
          type="button"
          className={`${nav} bg-slate-800 text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900`}
          onClick={() => wizard.goTo(next.id)}
        >
          Next: {next.title}
        </button>
      )}
    </div>
  );
}
