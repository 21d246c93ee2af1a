"use client";
// Basics of an update: the name (the stack's name), the region and the target identify the stack, so they
// are shown but locked; changing them would be a new environment, not an update.
import { fieldId } from "../../_wizard/form-model";
import { StepSection } from "../../_wizard/step-section";
import { useWizard } from "../../_wizard/use-wizard";

const LOCKED = [
  { path: "name", label: "Environment name", why: "It is the stack's name." },
  { path: "region", label: "AWS region", why: "An environment cannot move between regions." },
] as const;

export function LockedBasicsStep({ target, region }: { target: "local" | "aws"; region: string }) {
  const wizard = useWizard();
  return (
    <StepSection
      title="Basics"
      intro="An update changes this environment in place: its name, region and target stay as they are."
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {LOCKED.map(({ path, label, why }) => {
          const errors = wizard.shownErrors.get(path) ?? [];
          const value = String(wizard.spec[path] ?? "");
          return (
            <div key={path} className="space-y-1">
              <label htmlFor={fieldId(path)} className="block text-sm font-medium">
                {label} <span className="font-normal text-slate-500">(locked)</span>
              </label>
              <input
                id={fieldId(path)}
                value={value}
                readOnly
                aria-describedby={`${fieldId(path)}-why`}
                aria-invalid={errors.length > 0 || undefined}
                className="block w-full rounded-md border border-slate-300 bg-slate-100 px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
              />
              <p id={`${fieldId(path)}-why`} className="text-xs text-slate-600 dark:text-slate-400">
                {errors.length > 0 ? (
                  <span className="text-red-700 dark:text-red-400">{errors.join("; ")}</span>
                ) : (
                  why
                )}
              </p>
            </div>
          );
        })}
      </div>
      <p className="text-sm">
        Deployed to <strong>{target === "aws" ? `AWS (${region})` : "the local sandbox"}</strong> (locked).
      </p>
    </StepSection>
  );
}
