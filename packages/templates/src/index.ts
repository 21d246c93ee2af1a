// Public API of @stackyard/templates. Pure: safe to import from browser code.

export {
  type AccountAndRegion,
  BOOTSTRAP_EXPORTS,
  BOOTSTRAP_STACK_NAME,
  cloudFormationServiceRoleArn,
  permissionsBoundaryArn,
  permissionsBoundaryName,
  serviceRoleName,
} from "./bootstrap/names.js";
export { renderBootstrap, renderBootstrapTemplate } from "./bootstrap/template.js";
export type { Finding, Severity } from "./checks/finding.js";
export { checkTemplate, hasErrors } from "./checks/index.js";
export { type CostAssumptions, DEFAULT_COST_ASSUMPTIONS, publicIpv4Count } from "./cost/assumptions.js";
export * from "./cost/estimate.js";
export {
  EC2_HOURLY,
  PRICE_TABLE_DATE,
  PRICE_TABLE_REGION,
  RDS_MYSQL_SINGLE_AZ_HOURLY,
  SOURCES as PRICE_SOURCES,
} from "./cost/prices.js";
export {
  type IamPolicyDocument,
  type IamPolicyOptions,
  iamPolicyFor,
  MANAGED_POLICY_MAX_CHARS,
  POLICY_PRINCIPALS,
  type PolicyPrincipal,
  type PolicyStatement,
  policySize,
  splitIntoManagedPolicies,
  UnknownResourceTypeError,
} from "./iam/policy.js";
export * from "./nginx/conf.js";
export {
  bastionUserData,
  issueCertificateScript,
  type NginxUserDataOptions,
  nginxConfForEc2,
  nginxUserData,
} from "./nginx/user-data.js";
export {
  computeProgress,
  formatDuration,
  type Progress,
  type ProgressEvent,
  type ResourceSpan,
  resourceSpans,
} from "./progress/progress.js";
export { type ImagePushOptions, imagePushCommands } from "./render/app-image.js";
export type { CfnOutput, CfnParameter, CfnResource, CfnTemplate, Json } from "./render/cfn.js";
export { AMI_PARAMETER, hasInstances, UBUNTU_AMI_SSM_PARAMETER } from "./render/instances.js";
export { DuplicateLogicalIdError, mergeFragments } from "./render/merge.js";
export { type SecurityGroupSpec, type SecurityRule, securityGroupTable } from "./render/security-table.js";
export { type RenderedTemplate, renderTemplate, templateToYaml } from "./render/template.js";
export {
  type Consequence,
  type ConsequenceContext,
  type ConsequenceKind,
  changeConsequences,
  LETS_ENCRYPT_RATE_LIMITS,
} from "./replacement/consequences.js";
export {
  type PredictedChange,
  type PredictedReplacement,
  predictTemplateChanges,
  type ReplacementPrediction,
} from "./replacement/predict.js";
export { REPLACEMENT_TABLE, type ReplacementBehaviour, replacementBehaviour } from "./replacement/table.js";
export * from "./spec/cidr.js";
export {
  describeFargateMemory,
  FARGATE_CPU_UNITS,
  FARGATE_MEMORY_BY_CPU,
  isFargateSize,
} from "./spec/fargate.js";
export * from "./spec/parse.js";
export {
  type EnvironmentSpec,
  type EnvironmentSpecInput,
  environmentSpecSchema,
  MAX_AZ_COUNT,
  type TlsMode,
} from "./spec/schema.js";
