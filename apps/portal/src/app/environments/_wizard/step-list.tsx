"use client";
import { errorCountsByStep, STEPS } from "./form-model";
import { useWizard } from "./use-wizard";

/** The steps, each marked with how many errors it holds, so a user sees where Launch is blocked. */
export function StepList() {
  const wizard = useWizard();
  const counts = errorCountsByStep(wizard.allErrors);
  return (
    <nav aria-label="Wizard steps" className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:px-0">
      <ol className="flex gap-1 lg:flex-col">
        {STEPS.map((step, index) => {
          const current = wizard.step === step.id;
          const errors = counts[step.id];
          return (
            <li key={step.id}>
              <button
                type="button"
                aria-current={current ? "step" : undefined}
                onClick={() => wizard.goTo(step.id)}
                className={`flex w-full items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-left text-sm ${
                  current
                    ? "bg-indigo-600 font-semibold text-white"
                    : "hover:bg-slate-200 dark:hover:bg-slate-800"
                }`}
              >
                <span aria-hidden="true" className="tabular-nums">
                  {index + 1}.
                </span>
                <span>{step.title}</span>
                {errors > 0 && (
                  <span
                    data-testid={`step-errors-${step.id}`}
                    className="ml-auto rounded-full bg-red-600 px-2 text-xs font-semibold text-white"
                  >
                    {errors}
                    <span className="sr-only"> {errors === 1 ? "error" : "errors"}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
