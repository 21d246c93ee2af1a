// The CloudFormation template model and intrinsic-function helpers the resource modules build with.
// Plain data, so the template can be serialised deterministically and checked without AWS.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CfnResource {
  Type: string;
  Condition?: string;
  DependsOn?: string[];
  DeletionPolicy?: "Delete" | "Retain" | "Snapshot";
  UpdateReplacePolicy?: "Delete" | "Retain" | "Snapshot";
  CreationPolicy?: JsonObject;
  Metadata?: JsonObject;
  Properties?: JsonObject;
}

export interface CfnParameter {
  Type: string;
  Default?: string;
  Description: string;
  AllowedPattern?: string;
  ConstraintDescription?: string;
  NoEcho?: boolean;
}

export interface CfnOutput {
  Description: string;
  Value: Json;
  Condition?: string;
}

/** A piece of a template produced by one resource-group module. */
export interface TemplateFragment {
  Parameters?: Record<string, CfnParameter>;
  Conditions?: Record<string, Json>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: "2010-09-09";
  Description: string;
  Metadata: JsonObject;
  Parameters: Record<string, CfnParameter>;
  Conditions: Record<string, Json>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, CfnOutput>;
}

export const ref = (logicalId: string): JsonObject => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string): JsonObject => ({
  "Fn::GetAtt": [logicalId, attribute],
});
export const sub = (text: string): JsonObject => ({ "Fn::Sub": text });
/** "${name}" for use inside Fn::Sub text (a resource, "Resource.Attribute" or a pseudo parameter). */
export const subVariable = (name: string): string => `\${${name}}`;
export const join = (separator: string, parts: Json[]): JsonObject => ({ "Fn::Join": [separator, parts] });
export const fnIf = (condition: string, whenTrue: Json, whenFalse: Json): JsonObject => ({
  "Fn::If": [condition, whenTrue, whenFalse],
});
export const base64 = (value: Json): JsonObject => ({ "Fn::Base64": value });

/**
 * Every role and instance profile the stack creates lives under this IAM path, so the deploying principal's
 * policy (iamPolicyFor) can scope iam:* and iam:PassRole to this stack's roles. Generated role names are cut
 * to 64 characters (the stack-name part too), so a name prefix would not be a reliable scope; a path is.
 */
export const stackIamPath = (): JsonObject => sub(`/stackyard/${subVariable("AWS::StackName")}/`);

/** The n-th Availability Zone of the stack's region (wraps around when there are more subnets than zones). */
export const availabilityZone = (index: number): JsonObject => ({
  "Fn::Select": [index, { "Fn::GetAZs": "" }],
});

/** Name and stack tags: the console lists resources by Name, and the stack tag groups a whole environment. */
export function tags(stackName: string, name: string): Json[] {
  return [
    { Key: "Name", Value: `${stackName}-${name}` },
    { Key: "stackyard:environment", Value: stackName },
  ];
}

/** Escapes literal text for Fn::Sub: "${" would otherwise be read as a variable. */
export function escapeForSub(text: string): string {
  return text.replaceAll("${", "${!");
}

/** A cdk-nag suppression written into the resource's Metadata, where a reviewer of the template sees it. */
export interface NagSuppression {
  id: string;
  reason: string;
  /** Narrows the suppression to these findings of the rule (cdk-nag's applies_to), e.g. "Resource::*". */
  appliesTo?: string[];
}

export function nagMetadata(suppressions: NagSuppression[]): JsonObject {
  return {
    cdk_nag: {
      rules_to_suppress: suppressions.map(
        ({ id, reason, appliesTo }): JsonObject =>
          appliesTo ? { id, reason, applies_to: appliesTo } : { id, reason },
      ),
    },
  };
}
