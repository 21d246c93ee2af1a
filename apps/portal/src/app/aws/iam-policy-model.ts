// What the portal shows when AWS is out of reach for lack of permissions: the least-privilege policy for
// the environment at hand, split into parts that each fit one IAM managed policy.
import {
  type IamPolicyDocument,
  iamPolicyFor,
  parseEnvironmentSpec,
  splitIntoManagedPolicies,
} from "@stackyard/templates";

export type IamPolicyView =
  | { ok: true; stackName: string; accountId: string | null; parts: IamPolicyDocument[] }
  | { ok: false; reason: string };

/** The policy for `spec` (a stored or half-typed spec), or why it cannot be shown yet. */
export function iamPolicyView(spec: unknown, accountId?: string | null): IamPolicyView {
  const parsed = parseEnvironmentSpec(spec);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: "Fix the environment's errors first: the policy is derived from its template.",
    };
  }
  const document = iamPolicyFor(parsed.spec, accountId ? { accountId } : {});
  return {
    ok: true,
    stackName: parsed.spec.name,
    accountId: accountId ?? null,
    parts: splitIntoManagedPolicies(document),
  };
}

/** AWS's ways of saying the identity lacks a permission (API errors and CloudFormation event reasons). */
export function isAccessDenied(message: string | null | undefined): boolean {
  return (
    !!message && /AccessDenied|Access Denied|not authorized to perform|UnauthorizedOperation/i.test(message)
  );
}

/** The account id inside a CloudFormation stack ARN (arn:aws:cloudformation:region:ACCOUNT:stack/…). */
export function accountOfStackArn(stackId: string | null | undefined): string | null {
  return stackId?.match(/^arn:aws[\w-]*:cloudformation:[^:]+:(\d{12}):stack\//)?.[1] ?? null;
}

/** The command that prints part `part` from a saved spec file, for people who prefer the terminal. */
export function iamPolicyCommand(stackName: string, accountId: string | null, part: number): string {
  const account = accountId ? ` --account-id ${accountId}` : "";
  return `npx stackyard-templates iam-policy --spec ${stackName}.json${account} --part ${part} > ${stackName}-deployer-${part}.json`;
}
