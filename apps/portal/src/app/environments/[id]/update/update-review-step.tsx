"use client";
// Review of an update: the checks, then "Review changes" asks the target what would change (a change set
// on AWS), and shows it per resource with what AWS would replace and why, what it costs the user, the
// cost before → after and, when the database would be replaced or removed on AWS, a loud warning to
// acknowledge (on the local sandbox too, so a rehearsal asks what AWS will ask). "Apply update" executes exactly the reviewed plan.
import { checkTemplate } from "@stackyard/templates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { UpdatePlanView } from "@/server/updates/plan-update";
import { useTRPC } from "@/trpc/client";
import { formatUsd } from "../../_wizard/cost-drivers";
import { stepOfPath } from "../../_wizard/form-model";
import { fieldErrorItems, findingItems, ReviewChecks } from "../../_wizard/review-checks";
import { StepSection } from "../../_wizard/step-section";
import { useSpecPreview } from "../../_wizard/template-preview";
import { useWizard } from "../../_wizard/use-wizard";
import { applyGate, specKey } from "./apply-gate";
import { ChangeTable } from "./change-table";
import { DataLossWarning } from "./data-loss-warning";

export interface Reviewed {
  plan: UpdatePlanView;
  specKey: string;
}

const button =
  "rounded-md px-5 py-2 font-semibold shadow focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-slate-400 disabled:text-white dark:disabled:bg-slate-600";

export function UpdateReviewStep({
  environment,
  reviewed,
  onReviewed,
}: {
  environment: { id: string; target: "local" | "aws" };
  reviewed: Reviewed | null;
  onReviewed: (reviewed: Reviewed | null) => void;
}) {
  const wizard = useWizard();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [acknowledged, setAcknowledged] = useState(false);
  // AWS keeps the Ubuntu AMI resolved at launch; moving to the current one replaces the instances.
  const [refreshAmi, setRefreshAmi] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const preview = useSpecPreview(wizard.validSpec);
  const template = preview?.current ? preview.template : null;
  const findings = useMemo(() => (template ? findingItems(checkTemplate(template)) : []), [template]);
  const blocking = wizard.allErrors.length + findings.filter((f) => f.severity === "error").length;

  const plan = useMutation(
    trpc.environments.planUpdate.mutationOptions({
      onSuccess: (result, variables) => {
        setAcknowledged(false);
        onReviewed({ plan: result, specKey: specKey(variables.spec) });
      },
      onError: (error) => {
        const fieldErrors = error.data?.fieldErrors ?? [];
        wizard.setServerErrors(fieldErrors);
        const first = fieldErrors[0];
        if (first) wizard.goTo(stepOfPath(first.path), first.path);
      },
    }),
  );
  const apply = useMutation(
    trpc.environments.update.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries(trpc.environments.get.queryFilter());
        router.push(`/environments/${result.environmentId}`);
      },
    }),
  );
  // A new result takes focus when it arrives, so keyboard and screen reader users land on it; coming back
  // to this step with an earlier result leaves focus on the step's heading, as every step does.
  const shownReview = useRef(reviewed);
  useEffect(() => {
    if (reviewed && reviewed !== shownReview.current) resultHeading.current?.focus();
    shownReview.current = reviewed;
  }, [reviewed]);

  const gate = applyGate({
    plan: reviewed?.plan ?? null,
    specChangedSinceReview: reviewed !== null && reviewed.specKey !== specKey(wizard.spec),
    acknowledgedDataLoss: acknowledged,
    // Still applying until the dashboard opens: a second click must not look like a new apply.
    applying: apply.isPending || apply.isSuccess,
    now: new Date(),
  });
  const acknowledgementError = apply.error?.data?.fieldErrors?.find((e) => e.path === "acknowledgeDataLoss");
  return (
    <StepSection
      title="Review"
      intro="Nothing changes until you apply: first see what the update would do to the live environment."
    >
      <section aria-labelledby="review-checks" className="space-y-2">
        <h3 id="review-checks" className="text-base font-semibold">
          Checks
        </h3>
        <ReviewChecks items={[...fieldErrorItems(wizard.allErrors), ...findings]} />
      </section>
      {environment.target === "aws" && (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={refreshAmi}
            onChange={(event) => setRefreshAmi(event.target.checked)}
            className="mt-1"
          />
          <span>
            Also move nginx and the bastion to Ubuntu's current image. The AMI chosen at launch is kept
            otherwise; a new one <strong>replaces both instances</strong> (their Elastic IPs stay; with
            certbot, the certificate is issued again).
          </span>
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={blocking > 0 || plan.isPending}
          aria-describedby="plan-reason"
          onClick={() =>
            plan.mutate({
              id: environment.id,
              spec: wizard.spec,
              ...(environment.target === "aws" && refreshAmi ? { refreshAmi: true } : {}),
            })
          }
          className={`${button} bg-slate-800 text-white hover:bg-slate-700 focus-visible:ring-slate-500 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-slate-300`}
        >
          {plan.isPending ? "Asking the target…" : reviewed ? "Review changes again" : "Review changes"}
        </button>
        <p id="plan-reason" className="text-sm text-slate-700 dark:text-slate-300">
          {blocking > 0
            ? `Fix ${blocking === 1 ? "1 error" : `${blocking} errors`} first.`
            : environment.target === "aws"
              ? "Creates a CloudFormation change set; nothing is changed yet."
              : "Compares with the running sandbox; nothing is changed yet."}
        </p>
        {plan.isError && !plan.error.data?.fieldErrors && (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
            {plan.error.message}
          </p>
        )}
      </div>
      {reviewed && (
        <section aria-labelledby="plan-heading" className="space-y-4" data-testid="update-plan">
          <h3
            id="plan-heading"
            ref={resultHeading}
            tabIndex={-1}
            className="text-base font-semibold outline-none"
          >
            What the update changes
          </h3>
          {reviewed.plan.dataLossWarnings.length > 0 && (
            <DataLossWarning
              warnings={reviewed.plan.dataLossWarnings}
              target={environment.target}
              acknowledged={acknowledged}
              onAcknowledgedChange={setAcknowledged}
              serverError={acknowledgementError?.message}
            />
          )}
          <ChangeTable changes={reviewed.plan.changes} target={environment.target} />
          <p className="text-sm" data-testid="cost-change">
            Monthly cost on AWS: {formatUsd(reviewed.plan.costBeforeUsd)} →{" "}
            <strong>{formatUsd(reviewed.plan.costAfterUsd)}</strong> ({costDelta(reviewed.plan)})
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              disabled={!gate.enabled}
              aria-describedby="apply-reason"
              onClick={() =>
                apply.mutate({
                  id: environment.id,
                  planId: reviewed.plan.planId,
                  acknowledgeDataLoss: acknowledged,
                })
              }
              className={`${button} bg-indigo-600 text-white hover:bg-indigo-700 focus-visible:ring-indigo-400`}
            >
              {apply.isPending ? "Applying…" : "Apply update"}
            </button>
            <p id="apply-reason" className="text-sm text-slate-700 dark:text-slate-300">
              {gate.reason}
            </p>
            {apply.isError && !acknowledgementError && (
              <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
                {apply.error.message}
              </p>
            )}
          </div>
        </section>
      )}
    </StepSection>
  );
}

function costDelta({ costBeforeUsd, costAfterUsd }: UpdatePlanView): string {
  const delta = Math.round((costAfterUsd - costBeforeUsd) * 100) / 100;
  if (delta === 0) return "no change";
  return delta > 0 ? `+${formatUsd(delta)}` : `−${formatUsd(-delta)}`;
}
