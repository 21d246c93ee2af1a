// `stackyard-templates iam-policy`: one environment's IAM policy, whole or as managed-policy parts.
// --for portal (default): the portal identity's policy; --for cloudformation: the service role's.
import {
  type IamPolicyOptions,
  iamPolicyFor,
  MANAGED_POLICY_MAX_CHARS,
  POLICY_PRINCIPALS,
  type PolicyPrincipal,
  policySize,
  resolveScope,
  splitIntoManagedPolicies,
} from "../iam/policy.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import type { CliIo } from "./io.js";

const FLAG_OF_FIELD: Record<string, string> = {
  accountId: "--account-id",
  region: "--region",
  stackName: "--stack-name",
};

export function runIamPolicy(spec: EnvironmentSpec, flags: Record<string, string>, io: CliIo): number {
  const principal = flags.for ?? "portal";
  if (!POLICY_PRINCIPALS.includes(principal as PolicyPrincipal)) {
    io.stderr(`--for: "${principal}" is not one of ${POLICY_PRINCIPALS.join(", ")}\n`);
    return 2;
  }
  const options: IamPolicyOptions = {
    for: principal as PolicyPrincipal,
    accountId: flags["account-id"],
    region: flags.region,
    stackName: flags["stack-name"],
  };
  try {
    resolveScope(spec, options);
  } catch (error) {
    // "accountId: an AWS account id is 12 digits" → "--account-id: an AWS account id is 12 digits"
    const message = (error as Error).message.replace(
      /^(\w+):/,
      (_, field: string) => `${FLAG_OF_FIELD[field]}:`,
    );
    io.stderr(`${message}\n`);
    return 2;
  }
  const policy = iamPolicyFor(spec, options);
  if (flags.part === undefined) {
    io.stdout(`${JSON.stringify(policy, null, 2)}\n`);
    if (policySize(policy) > MANAGED_POLICY_MAX_CHARS) {
      const count = splitIntoManagedPolicies(policy).length;
      io.stderr(
        `note: this policy has ${policySize(policy)} characters; a managed policy holds ${MANAGED_POLICY_MAX_CHARS}. ` +
          `For aws iam create-policy, print it as ${count} parts with --part 1 … --part ${count}.\n`,
      );
    }
    return 0;
  }
  const parts = splitIntoManagedPolicies(policy);
  const index = Number(flags.part);
  if (!Number.isInteger(index) || index < 1 || index > parts.length) {
    io.stderr(`--part: this policy has ${parts.length} parts; give a number from 1 to ${parts.length}\n`);
    return 2;
  }
  io.stdout(`${JSON.stringify(parts[index - 1], null, 2)}\n`);
  return 0;
}
