// renderTemplate: a validated spec in, the CloudFormation template out (object, JSON and YAML text).
import { resolveSpec } from "../spec/parse.js";
import type { EnvironmentSpec, EnvironmentSpecInput } from "../spec/schema.js";
import { appFragment } from "./app.js";
import { appIamFragment } from "./app-iam.js";
import { appImageFragment } from "./app-image.js";
import { autoscalingFragment } from "./autoscaling.js";
import { bastionFragment } from "./bastion.js";
import type { CfnTemplate, Json } from "./cfn.js";
import { databaseFragment } from "./database.js";
import { edgeFragment } from "./edge.js";
import { flowLogsFragment } from "./flow-logs.js";
import { amiParameterFragment } from "./instances.js";
import { loadBalancerFragment } from "./load-balancer.js";
import { mergeFragments } from "./merge.js";
import { networkFragment } from "./network.js";
import { outputsFragment } from "./outputs.js";
import { securityFragment } from "./security.js";
import { toYaml } from "./yaml.js";

const TEMPLATE_GENERATOR = "@stackyard/templates";

export interface RenderedTemplate {
  spec: EnvironmentSpec;
  template: CfnTemplate;
  json: string;
  yaml: string;
}

const EDGE_LABEL = {
  certbot: "nginx on EC2 with Let's Encrypt TLS",
  none: "nginx on EC2, plain HTTP",
  acm: "internet-facing ALB with ACM TLS",
} as const;

/**
 * Renders the whole environment. Accepts a spec input (defaults are applied) and throws InvalidSpecError
 * on an invalid one: a broken spec never becomes a template. Same spec, byte-identical output.
 */
export function renderTemplate(input: EnvironmentSpec | EnvironmentSpecInput): RenderedTemplate {
  const spec = resolveSpec(input);
  const template = mergeFragments(
    {
      Description: `Stackyard environment ${spec.name}: notes-api on ECS Fargate, RDS MySQL, ${EDGE_LABEL[spec.edge.tls]}`,
      Metadata: { Stackyard: { generator: TEMPLATE_GENERATOR, specVersion: spec.version, spec } },
    },
    [
      appImageFragment(spec),
      amiParameterFragment(spec),
      networkFragment(spec),
      flowLogsFragment(spec),
      securityFragment(spec),
      edgeFragment(spec),
      loadBalancerFragment(spec),
      appIamFragment(spec),
      appFragment(spec),
      autoscalingFragment(spec),
      databaseFragment(spec),
      bastionFragment(spec),
      outputsFragment(spec),
    ],
  );
  return { spec, template, json: `${JSON.stringify(template, null, 2)}\n`, yaml: templateToYaml(template) };
}

/** YAML for CloudFormation: "yes", "8.0" and the like stay strings under YAML 1.1 and 1.2 readers. */
export function templateToYaml(template: CfnTemplate): string {
  return toYaml(template as unknown as Json);
}
