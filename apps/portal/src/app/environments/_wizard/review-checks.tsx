"use client";
// What stands between this spec and a good launch, grouped by severity, each linking to the field that
// fixes it. Field errors block Launch; template findings are listed with them by severity.
import type { Finding, SpecFieldError } from "@stackyard/templates";
import { STEPS, stepOfPath } from "./form-model";
import { useWizard } from "./use-wizard";

export interface ReviewItem {
  severity: "error" | "warning" | "info";
  message: string;
  /** Dotted spec path of the field that fixes it, when one does. */
  field: string | null;
  source: string;
}

const GROUPS = [
  { severity: "error", title: "Errors", tone: "border-red-300 dark:border-red-800" },
  { severity: "warning", title: "Warnings", tone: "border-amber-300 dark:border-amber-800" },
  { severity: "info", title: "Notes", tone: "border-slate-300 dark:border-slate-700" },
] as const;

export function fieldErrorItems(errors: readonly SpecFieldError[]): ReviewItem[] {
  return errors.map((error) => ({
    severity: "error",
    message: error.message,
    field: error.path || null,
    source: "spec",
  }));
}

export function findingItems(findings: readonly Finding[]): ReviewItem[] {
  return findings.map((finding) => ({
    severity: finding.severity,
    message: finding.logicalId ? `${finding.logicalId}: ${finding.message}` : finding.message,
    field: finding.specField,
    source: finding.check,
  }));
}

export function ReviewChecks({ items }: { items: ReviewItem[] }) {
  const wizard = useWizard();
  if (items.length === 0) {
    return (
      <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
        No errors or warnings: the spec is complete and the template passes its checks.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {GROUPS.map((group) => {
        const inGroup = items.filter((item) => item.severity === group.severity);
        if (inGroup.length === 0) return null;
        return (
          <section
            key={group.severity}
            aria-labelledby={`checks-${group.severity}`}
            className={`rounded-lg border-l-4 pl-3 ${group.tone}`}
          >
            <h4 id={`checks-${group.severity}`} className="font-medium">
              {group.title} ({inGroup.length})
            </h4>
            <ul className="mt-1 space-y-1 text-sm" data-testid={`checks-${group.severity}`}>
              {inGroup.map((item) => (
                <li key={`${item.source}:${item.field}:${item.message}`} className="flex flex-wrap gap-x-2">
                  <span>
                    {item.field ? <code className="text-xs">{item.field}</code> : null} {item.message}
                  </span>
                  {item.field && (
                    <button
                      type="button"
                      className="text-indigo-700 underline dark:text-indigo-300"
                      onClick={() => item.field && wizard.goTo(stepOfPath(item.field), item.field)}
                    >
                      Fix in {STEPS.find((step) => step.id === stepOfPath(item.field ?? ""))?.title}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
