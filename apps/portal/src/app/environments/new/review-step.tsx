"use client";
import { getAtPath } from "./form-model";
import { LaunchButton } from "./launch-button";
import { fieldErrorItems, ReviewChecks } from "./review-checks";
import { StepSection } from "./step-section";
import { useTemplatePreview } from "./template-preview";
import { TemplateView } from "./template-view";
import { useWizard } from "./use-wizard";

export function ReviewStep() {
  const wizard = useWizard();
  const preview = useTemplatePreview(wizard.validSpec);
  const name = String(getAtPath(wizard.spec, "name") ?? "environment");
  return (
    <StepSection
      title="Review"
      intro="Everything the launch will create: the checks, what it costs, and the CloudFormation template itself."
    >
      <section aria-labelledby="review-checks" className="space-y-2">
        <h3 id="review-checks" className="text-base font-semibold">
          Checks
        </h3>
        <ReviewChecks items={fieldErrorItems(wizard.allErrors)} />
      </section>
      <section aria-labelledby="review-template" className="space-y-2">
        <h3 id="review-template" className="text-base font-semibold">
          Template
        </h3>
        {preview ? (
          <>
            {!preview.current && (
              <p className="text-sm text-amber-800 dark:text-amber-300">
                The spec has errors: this is the last valid template.
              </p>
            )}
            <TemplateView
              yaml={preview.yaml}
              json={preview.json}
              fileName={name}
              label="CloudFormation template"
            />
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Fix the errors above to see the template.
          </p>
        )}
      </section>
      <LaunchButton />
    </StepSection>
  );
}
