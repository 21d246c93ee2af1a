// Stack outputs: what the portal shows once the stack is up, and what a user needs next.
import type { EnvironmentSpec } from "../spec/schema.js";
import { dbSecretArn } from "./app-iam.js";
import { type CfnOutput, getAtt, ref, sub, type TemplateFragment } from "./cfn.js";
import { ID } from "./ids.js";
import { albIsEdge } from "./security-table.js";

export function outputsFragment(spec: EnvironmentSpec): TemplateFragment {
  const outputs: Record<string, CfnOutput> = {
    AppUrl: { Description: "Where the notes app is served", Value: appUrl(spec) },
  };
  if (!albIsEdge(spec)) {
    outputs.NginxPublicIp = {
      Description: spec.edge.domain
        ? `Point an A record for ${spec.edge.domain} here (certbot issues the certificate once it resolves)`
        : "Public address of the nginx proxy",
      Value: ref(ID.nginxEip),
    };
  }
  if (spec.bastion.enabled) {
    outputs.BastionInstanceId = {
      Description:
        spec.bastion.access === "ssm"
          ? "Connect with: aws ssm start-session --target <this id>"
          : "Bastion instance (SSH from the allowed CIDR only)",
      Value: ref(ID.bastionInstance),
    };
    if (spec.bastion.access === "ssh") {
      outputs.BastionPublicIp = {
        Description: "SSH to the bastion at this address",
        Value: ref(ID.bastionEip),
      };
    }
  }
  Object.assign(outputs, {
    AlbDnsName: {
      Description: "DNS name of the application load balancer",
      Value: getAtt(ID.loadBalancer, "DNSName"),
    },
    DbEndpoint: { Description: "MySQL endpoint (private)", Value: getAtt(ID.dbInstance, "Endpoint.Address") },
    DbSecretArn: {
      Description: "Secrets Manager secret holding the database credentials",
      Value: dbSecretArn(),
    },
    EcrRepositoryUri: {
      Description: "Push the notes-api image here",
      Value: getAtt(ID.repository, "RepositoryUri"),
    },
    ClusterName: { Description: "ECS cluster", Value: ref(ID.cluster) },
    ServiceName: { Description: "ECS service running notes-api", Value: getAtt(ID.service, "Name") },
    VpcId: { Description: "The environment's VPC", Value: ref(ID.vpc) },
  } satisfies Record<string, CfnOutput>);
  return { Outputs: outputs };
}

function appUrl(spec: EnvironmentSpec) {
  const { domain, tls } = spec.edge;
  if (domain) return `${tls === "none" ? "http" : "https"}://${domain}`;
  return sub(`http://\${${ID.nginxEip}}`);
}
