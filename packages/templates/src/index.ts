// Public API of @stackyard/templates. Pure: safe to import from browser code.

export type { Finding, Severity } from "./checks/finding.js";
export { checkTemplate, hasErrors } from "./checks/index.js";
export * from "./nginx/conf.js";
export {
  bastionUserData,
  issueCertificateScript,
  type NginxUserDataOptions,
  nginxConfForEc2,
  nginxUserData,
} from "./nginx/user-data.js";
export { type ImagePushOptions, imagePushCommands } from "./render/app-image.js";
export type { CfnOutput, CfnParameter, CfnResource, CfnTemplate, Json } from "./render/cfn.js";
export { DuplicateLogicalIdError, mergeFragments } from "./render/merge.js";
export { type SecurityGroupSpec, type SecurityRule, securityGroupTable } from "./render/security-table.js";
export { type RenderedTemplate, renderTemplate, templateToYaml } from "./render/template.js";
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
