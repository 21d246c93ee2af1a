// What the portal shows when AWS is out of reach for lack of permissions: the bootstrap step (once per
// account and region), the portal identity's least-privilege policy for the environment at hand, and the
// CloudFormation service role's policy for it, each split into parts that fit one IAM managed policy.
import {
  BOOTSTRAP_STACK_NAME,
  cloudFormationServiceRoleArn,
  type IamPolicyDocument,
  iamPolicyFor,
  type PolicyPrincipal,
  parseEnvironmentSpec,
  splitIntoManagedPolicies,
} from "@stackyard/templates";

export type IamPolicyView =
  | {
      ok: true;
      stackName: string;
      region: string;
      accountId: string | null;
      /** The portal identity's policy (CloudFormation on this stack, PassRole of the service role, reads). */
      parts: IamPolicyDocument[];
      /** What the bootstrap stack's service role needs for this environment (it holds it for every one). */
      serviceRoleParts: IamPolicyDocument[];
      serviceRoleArn: string;
      bootstrapCommands: string[];
    }
  | { ok: false; reason: string };

/** The policies for `spec` (a stored or half-typed spec), or why they cannot be shown yet. */
export function iamPolicyView(spec: unknown, accountId?: string | null): IamPolicyView {
  const parsed = parseEnvironmentSpec(spec);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: "Fix the environment's errors first: the policy is derived from its template.",
    };
  }
  const account = accountId ? { accountId } : {};
  const region = parsed.spec.region;
  return {
    ok: true,
    stackName: parsed.spec.name,
    region,
    accountId: accountId ?? null,
    parts: splitIntoManagedPolicies(iamPolicyFor(parsed.spec, { ...account, for: "portal" })),
    serviceRoleParts: splitIntoManagedPolicies(
      iamPolicyFor(parsed.spec, { ...account, for: "cloudformation" }),
    ),
    serviceRoleArn: cloudFormationServiceRoleArn({ accountId: accountId ?? "ACCOUNT_ID", region }),
    bootstrapCommands: bootstrapCommands(region),
  };
}

/** Deploying the bootstrap stack: the service role and the permissions boundary, once per account and region. */
export function bootstrapCommands(region: string): string[] {
  return [
    "npx stackyard-templates bootstrap > stackyard-bootstrap.json",
    `aws cloudformation deploy --region ${region} --stack-name ${BOOTSTRAP_STACK_NAME} --template-file stackyard-bootstrap.json --capabilities CAPABILITY_NAMED_IAM`,
  ];
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

/** The file a policy part is saved as: "<stack>-deployer-N.json" (portal) or "<stack>-cloudformation-N.json". */
export function policyFileName(
  stackName: string,
  part: number,
  principal: PolicyPrincipal = "portal",
): string {
  return `${stackName}-${principal === "portal" ? "deployer" : "cloudformation"}-${part}.json`;
}

/** The command that prints part `part` from a saved spec file, for people who prefer the terminal. */
export function iamPolicyCommand(
  stackName: string,
  accountId: string | null,
  part: number,
  principal: PolicyPrincipal = "portal",
): string {
  const account = accountId ? ` --account-id ${accountId}` : "";
  const forFlag = principal === "portal" ? "" : ` --for ${principal}`;
  return `npx stackyard-templates iam-policy --spec ${stackName}.json${forFlag}${account} --part ${part} > ${policyFileName(stackName, part, principal)}`;
}
