"use client";
import { checkTemplate } from "@stackyard/templates";
import { useMemo, useState } from "react";
import { CostBreakdown } from "../_wizard/cost-panel";
import { getAtPath } from "../_wizard/form-model";
import { fieldErrorItems, findingItems, ReviewChecks } from "../_wizard/review-checks";
import { StepSection } from "../_wizard/step-section";
import { useSpecPreview } from "../_wizard/template-preview";
import { TemplateView } from "../_wizard/template-view";
import { useWizard } from "../_wizard/use-wizard";
import { ExpiryChoiceFields } from "../expiry-choice";
import { type ExpiryChoice, NO_EXPIRY } from "../expiry-model";
import { LaunchButton } from "./launch-button";

export function ReviewStep() {
  const wizard = useWizard();
  const preview = useSpecPreview(wizard.validSpec);
  const name = String(getAtPath(wizard.spec, "name") ?? "environment");
  // Findings of a stale template would describe a spec that no longer exists: only current ones count.
  const template = preview?.current ? preview.template : null;
  const findings = useMemo(() => (template ? findingItems(checkTemplate(template)) : []), [template]);
  const [expiry, setExpiry] = useState<ExpiryChoice>(NO_EXPIRY);
  return (
    <StepSection
      title="Review"
      intro="Everything the launch will create: the checks, what it costs, and the CloudFormation template itself."
    >
      <section aria-labelledby="review-checks" className="space-y-2">
        <h3 id="review-checks" className="text-base font-semibold">
          Checks
        </h3>
        <ReviewChecks items={[...fieldErrorItems(wizard.allErrors), ...findings]} />
      </section>
      {preview && !preview.current && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          The spec has errors: the cost and template below are for the last valid spec.
        </p>
      )}
      <section aria-labelledby="review-cost" className="space-y-2">
        <h3 id="review-cost" className="text-base font-semibold">
          Monthly cost on AWS
        </h3>
        {preview ? (
          <CostBreakdown estimate={preview.cost} />
        ) : (
          <p className="text-sm">Fix the errors above to see the cost.</p>
        )}
      </section>
      <section aria-labelledby="review-template" className="space-y-2">
        <h3 id="review-template" className="text-base font-semibold">
          Template
        </h3>
        {preview ? (
          <TemplateView
            yaml={preview.yaml}
            json={preview.json}
            fileName={name}
            label="CloudFormation template"
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Fix the errors above to see the template.
          </p>
        )}
      </section>
      <section aria-labelledby="review-expiry" className="space-y-2">
        <h3 id="review-expiry" className="text-base font-semibold">
          Expiry
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          For a preview environment: the portal deletes it by itself at that time (keeping the database&apos;s
          final snapshot, or a dump locally). You can change it on the dashboard.
        </p>
        <ExpiryChoiceFields value={expiry} onChange={setExpiry} />
      </section>
      <LaunchButton
        checkErrors={findings.filter((item) => item.severity === "error").length}
        expiry={expiry}
      />
    </StepSection>
  );
}
