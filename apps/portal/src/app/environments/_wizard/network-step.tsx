"use client";
import { MAX_AZ_COUNT, suggestSubnets } from "@stackyard/templates";
import { useState } from "react";
import { SelectField, TextField } from "./fields";
import { fieldId, getAtPath } from "./form-model";
import { FieldGrid, StepSection } from "./step-section";
import { useWizard } from "./use-wizard";
import { VpcMap } from "./vpc-map";

const AZ_OPTIONS = Array.from({ length: MAX_AZ_COUNT - 1 }, (_, i) => ({
  value: i + 2,
  label: `${i + 2} zones`,
}));
const NAT_OPTIONS = [
  { value: "single", label: "One NAT gateway (cheaper; private egress stops if its zone fails)" },
  { value: "per-az", label: "One NAT gateway per zone (survives a zone outage; costs more)" },
] as const;

export function NetworkStep() {
  const wizard = useWizard();
  const [suggestProblem, setSuggestProblem] = useState<string | null>(null);
  const suggest = () => {
    const zones = Number(getAtPath(wizard.spec, "network.azCount")) || 2;
    const suggestion = suggestSubnets(
      String(getAtPath(wizard.spec, "network.vpcCidr") ?? ""),
      Math.max(2, zones),
      Math.max(3, zones),
    );
    if (!suggestion) {
      setSuggestProblem("Fix the VPC CIDR first: subnets are cut from it (it must be a valid /16 to /24).");
      return;
    }
    setSuggestProblem(null);
    wizard.setField("network.publicSubnets", suggestion.publicSubnets);
    wizard.setField("network.privateSubnets", suggestion.privateSubnets);
  };
  return (
    <StepSection
      title="Network"
      intro="The VPC and its subnets: public subnets hold nginx, the bastion and the NAT gateways; private subnets hold the tasks, the internal load balancer and the database."
    >
      <FieldGrid>
        <TextField
          path="network.vpcCidr"
          label="VPC CIDR"
          hint="/16 to /28; 10.0.0.0/16 gives 65,536 addresses."
        />
        <SelectField path="network.azCount" label="Availability Zones" options={AZ_OPTIONS} />
      </FieldGrid>
      <SelectField path="network.natGateways" label="NAT gateways" options={NAT_OPTIONS} />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={suggest}
          className="rounded-md border border-indigo-600 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-300 dark:hover:bg-indigo-950"
        >
          Suggest subnets
        </button>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          Public in the lower half of the VPC, private in the upper half, room left to grow.
        </span>
        {suggestProblem && (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
            {suggestProblem}
          </p>
        )}
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <SubnetList kind="public" />
        <SubnetList kind="private" />
      </div>
      <VpcMap spec={wizard.spec} />
    </StepSection>
  );
}

function SubnetList({ kind }: { kind: "public" | "private" }) {
  const wizard = useWizard();
  const path = `network.${kind}Subnets`;
  const value = getAtPath(wizard.spec, path);
  const subnets = Array.isArray(value) ? (value as unknown[]) : [];
  const zones = Number(getAtPath(wizard.spec, "network.azCount")) || 2;
  const listErrors = wizard.shownErrors.get(path) ?? [];
  return (
    <fieldset
      className="space-y-3"
      aria-describedby={listErrors.length ? `${fieldId(path)}-error` : undefined}
    >
      <legend className="text-sm font-semibold capitalize">{kind} subnets</legend>
      {listErrors.length > 0 && (
        <p id={`${fieldId(path)}-error`} className="text-sm text-red-700 dark:text-red-400" data-field-error>
          {listErrors.join("; ")}
        </p>
      )}
      {subnets.map((_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a subnet's position is its identity (its path).
        <div key={index} className="flex items-end gap-2">
          <div className="grow">
            <TextField
              path={`${path}.${index}`}
              label={`${kind === "public" ? "Public" : "Private"} subnet ${index + 1} (AZ ${String.fromCharCode(97 + (index % zones))})`}
            />
          </div>
          <button
            type="button"
            disabled={subnets.length <= 1}
            onClick={() =>
              wizard.setField(
                path,
                subnets.filter((__, i) => i !== index),
              )
            }
            aria-label={`Remove ${kind} subnet ${index + 1}`}
            className="mb-0.5 rounded-md px-2 py-2 text-sm text-slate-600 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        disabled={subnets.length >= 6}
        onClick={() => wizard.setField(path, [...subnets, ""])}
        className="text-sm font-medium text-indigo-700 hover:underline disabled:opacity-40 dark:text-indigo-300"
      >
        Add {kind} subnet
      </button>
    </fieldset>
  );
}
