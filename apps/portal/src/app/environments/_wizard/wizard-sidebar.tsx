"use client";
import { CostSummary } from "./cost-panel";
import { getAtPath } from "./form-model";
import { useSpecPreview } from "./template-preview";
import { TemplateView } from "./template-view";
import { useWizard } from "./use-wizard";

/** Beside every step: what the spec costs and the template it renders to, both following each change. */
export function WizardSidebar() {
  const wizard = useWizard();
  const preview = useSpecPreview(wizard.validSpec);
  if (wizard.step === "review") return null;
  return (
    <aside
      aria-label="Cost and template preview"
      className="min-w-0 space-y-6 lg:col-start-2 xl:col-start-3 xl:row-start-1"
    >
      <section
        aria-labelledby="cost-heading"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="cost-heading" className="text-base font-semibold">
          Monthly cost (AWS)
        </h2>
        {preview ? (
          <CostSummary estimate={preview.cost} drivers={preview.drivers} stale={!preview.current} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Appears once the spec is valid.</p>
        )}
      </section>
      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-base font-semibold">
          Template preview
        </h2>
        {preview ? (
          <>
            {!preview.current && (
              <p className="text-xs text-amber-800 dark:text-amber-300">
                Showing the last valid template while errors remain.
              </p>
            )}
            <TemplateView
              yaml={preview.yaml}
              json={preview.json}
              fileName={String(getAtPath(wizard.spec, "name") ?? "environment")}
              maxHeight="max-h-96"
              label="Template preview"
            />
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The template appears once the spec is valid.
          </p>
        )}
      </section>
    </aside>
  );
}
