// What a predicted change costs the user, in words: downtime, data, DNS and certificates. Shared by the
// portal's update review and the CLI's diff, so both say the same thing.
import type { CfnTemplate } from "../render/cfn.js";
import { ID } from "../render/ids.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import type { PredictedChange } from "./predict.js";

export type ConsequenceKind = "data" | "downtime" | "dns" | "certificate";

export interface Consequence {
  kind: ConsequenceKind;
  text: string;
}

/** Let's Encrypt: 5 certificates for the same set of names per 7 days. */
export const LETS_ENCRYPT_RATE_LIMITS = "https://letsencrypt.org/docs/rate-limits/";

export interface ConsequenceContext {
  /** The spec after the update (its edge mode and domain decide the certificate consequences). */
  spec: Pick<EnvironmentSpec, "edge">;
  /** The template after the update (which Elastic IP belongs to which instance). */
  template: CfnTemplate;
}

/** A predicted change, or a change set's change with its prediction (whose actions include Import, Dynamic). */
type Change = Pick<PredictedChange, "logicalResourceId" | "resourceType" | "predictedReplacement"> & {
  action: string;
};

export function changeConsequences(change: Change, context: ConsequenceContext): Consequence[] {
  const replaced = change.action === "Modify" && change.predictedReplacement !== "False";
  const may = change.predictedReplacement === "Conditional" ? "may be" : "is";
  if (change.resourceType === "AWS::RDS::DBInstance") {
    if (change.action === "Remove") {
      return [
        { kind: "data", text: "The database is deleted; its data survives only in the final snapshot." },
      ];
    }
    if (!replaced) return [];
    return [
      {
        kind: "data",
        text: `The database ${may} replaced by a new, empty instance: the notes survive only in the snapshot AWS takes of the old one (UpdateReplacePolicy: Snapshot), which you restore yourself.`,
      },
      {
        kind: "downtime",
        text: "The app has no database until the new instance is available (typically 10–20 minutes).",
      },
      {
        kind: "dns",
        text: "The database endpoint changes: the app is pointed at it; tools that connect directly must be changed.",
      },
    ];
  }
  if (change.resourceType === "AWS::EC2::Instance" && replaced)
    return instanceConsequences(change, context, may);
  if (change.resourceType === "AWS::EC2::EIP" && change.action === "Modify") {
    return [
      {
        kind: "dns",
        text: "Keeps its address: it moves to the new instance, so DNS records need no change.",
      },
    ];
  }
  if (change.resourceType === "AWS::ElasticLoadBalancingV2::LoadBalancer" && replaced) {
    return [
      {
        kind: "dns",
        text: `The load balancer ${may} replaced: it gets a new DNS name, which the stack passes on to nginx or the DNS record.`,
      },
      { kind: "downtime", text: "Requests fail while traffic moves to the new load balancer." },
    ];
  }
  if (change.resourceType === "AWS::ECS::TaskDefinition" && replaced) {
    return [
      {
        kind: "downtime",
        text: "A new task definition revision: the service replaces its tasks one by one (no downtime while they stay healthy).",
      },
    ];
  }
  if ((change.resourceType === "AWS::EC2::VPC" || change.resourceType === "AWS::EC2::Subnet") && replaced) {
    return [
      { kind: "downtime", text: `The network ${may} rebuilt: what runs in it moves too; expect downtime.` },
    ];
  }
  return [];
}

function instanceConsequences(
  change: Change,
  { spec, template }: ConsequenceContext,
  may: string,
): Consequence[] {
  const nginx = change.logicalResourceId === ID.nginxInstance;
  const consequences: Consequence[] = [
    {
      kind: "downtime",
      text: nginx
        ? `The nginx instance ${may} replaced: the site is unreachable while the new one boots and configures itself (a few minutes).`
        : `The instance ${may} replaced: open sessions end; reconnect once the new one is up.`,
    },
  ];
  const eip = Object.entries(template.Resources).find(
    ([, r]) =>
      r.Type === "AWS::EC2::EIP" &&
      JSON.stringify(r.Properties?.InstanceId) === JSON.stringify({ Ref: change.logicalResourceId }),
  );
  if (eip) {
    consequences.push({
      kind: "dns",
      text: `It keeps its Elastic IP (${eip[0]}): the public address and DNS records stay the same.`,
    });
  }
  if (nginx && spec.edge.tls === "certbot") {
    consequences.push({
      kind: "certificate",
      text: `certbot issues a new Let's Encrypt certificate for ${spec.edge.domain ?? "the domain"} on the new instance. Let's Encrypt allows 5 duplicate certificates per week (${LETS_ENCRYPT_RATE_LIMITS}): replacing nginx repeatedly can leave the site without HTTPS until the limit resets.`,
    });
  }
  return consequences;
}
