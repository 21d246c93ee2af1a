"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { IamPolicyPanel } from "../../_aws/iam-policy-panel";
import { SelectField, TextField } from "../_wizard/fields";
import { getAtPath } from "../_wizard/form-model";
import { FieldGrid, StepSection } from "../_wizard/step-section";
import { useWizard } from "../_wizard/use-wizard";

const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-central-1",
  "eu-north-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "ap-south-1",
  "sa-east-1",
];

export function BasicsStep() {
  const wizard = useWizard();
  const region = getAtPath(wizard.spec, "region");
  // An imported region outside the usual list stays selectable rather than silently changing.
  const regions = typeof region === "string" && !REGIONS.includes(region) ? [region, ...REGIONS] : REGIONS;
  return (
    <StepSection
      title="Basics"
      intro="Name the environment and choose where it runs. The name becomes the CloudFormation stack name."
    >
      <FieldGrid>
        <TextField
          path="name"
          label="Environment name"
          hint="A letter first, then letters, digits and hyphens."
        />
        <SelectField
          path="region"
          label="AWS region"
          options={regions.map((value) => ({ value, label: value }))}
        />
      </FieldGrid>
      <TargetPicker />
    </StepSection>
  );
}

function TargetPicker() {
  const wizard = useWizard();
  const trpc = useTRPC();
  const aws = useQuery(trpc.targets.aws.queryOptions(undefined, { staleTime: 60_000 }));
  const targetErrors = wizard.shownErrors.get("target") ?? [];
  const option =
    "flex gap-3 rounded-lg border p-3 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50 dark:has-[:checked]:bg-indigo-950 border-slate-300 dark:border-slate-700";
  return (
    <fieldset className="space-y-2" aria-describedby={targetErrors.length ? "target-error" : undefined}>
      <legend className="text-sm font-medium">Deploy to</legend>
      <label className={option}>
        <input
          type="radio"
          name="target"
          value="local"
          checked={wizard.target === "local"}
          onChange={() => wizard.setTarget("local")}
          className="mt-1 accent-indigo-600"
        />
        <span>
          <span className="block font-medium">Local sandbox</span>
          <span className="block text-sm text-slate-600 dark:text-slate-400">
            Runs on this machine: MariaDB, notes-api processes and nginx stand in for RDS, Fargate and EC2.
          </span>
        </span>
      </label>
      <label className={`${option} ${aws.data?.available ? "" : "opacity-70"}`}>
        <input
          type="radio"
          name="target"
          value="aws"
          checked={wizard.target === "aws"}
          disabled={!aws.data?.available}
          onChange={() => wizard.setTarget("aws")}
          className="mt-1 accent-indigo-600"
        />
        <span>
          <span className="block font-medium">AWS</span>
          <span className="block text-sm text-slate-600 dark:text-slate-400" data-testid="aws-identity">
            {aws.isPending && "Checking the portal's AWS credentials…"}
            {aws.data?.available && `Account ${aws.data.account}, deploying as ${aws.data.arn}`}
            {aws.data && !aws.data.available && `Not available: ${aws.data.reason}.`}
            {aws.isError && "Could not check the AWS credentials."}
          </span>
        </span>
      </label>
      {aws.data && !aws.data.available && (
        <IamPolicyPanel
          spec={wizard.spec}
          intro="To deploy to AWS, start the portal's server with credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_REGION) of an identity allowed to do what this policy lists; docs/first-aws-deployment.md walks through it."
        />
      )}
      {targetErrors.length > 0 && (
        <p id="target-error" className="text-sm text-red-700 dark:text-red-400">
          {targetErrors.join("; ")}
        </p>
      )}
    </fieldset>
  );
}
