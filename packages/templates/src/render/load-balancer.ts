// The Application Load Balancer in front of the tasks: internal behind nginx, or internet-facing with an
// ACM certificate in "acm" mode (ACM certificates cannot be installed on an EC2 instance).
import type { EnvironmentSpec } from "../spec/schema.js";
import { type CfnResource, nagMetadata, ref, type TemplateFragment, tags } from "./cfn.js";
import { ID } from "./ids.js";
import { privateSubnetRefs, publicSubnetRefs } from "./network.js";
import { albIsEdge } from "./security-table.js";

const HEALTH_CHECK_PATH = "/healthz";
/** Matches nginx's proxy_read_timeout, so long-lived responses (SSE) are cut by neither. */
const IDLE_TIMEOUT_SECONDS = 300;

export function loadBalancerFragment(spec: EnvironmentSpec): TemplateFragment {
  const edge = albIsEdge(spec);
  // An ALB takes one subnet per zone; the first azCount subnets are in distinct zones.
  const subnets = (edge ? publicSubnetRefs(spec) : privateSubnetRefs(spec)).slice(0, spec.network.azCount);
  const forward = [{ Type: "forward", TargetGroupArn: ref(ID.targetGroup) }];
  const resources: Record<string, CfnResource> = {
    [ID.loadBalancer]: {
      Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
      ...(edge && { DependsOn: [ID.publicDefaultRoute] }),
      Metadata: nagMetadata([
        {
          id: "AwsSolutions-ELB2",
          reason: edge
            ? "Access logs need an S3 bucket with a log-delivery policy; left to the operator, who may prefer CloudWatch metrics only."
            : "Internal load balancer behind nginx: nginx's access log already records every request.",
        },
      ]),
      Properties: {
        Type: "application",
        Scheme: edge ? "internet-facing" : "internal",
        Subnets: subnets,
        SecurityGroups: [ref(ID.albSecurityGroup)],
        LoadBalancerAttributes: [
          { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" },
          { Key: "idle_timeout.timeout_seconds", Value: String(IDLE_TIMEOUT_SECONDS) },
        ],
        Tags: tags(spec.name, "alb"),
      },
    },
    [ID.targetGroup]: {
      Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
      Properties: {
        // Fargate tasks register by IP (awsvpc networking): there is no instance to target.
        TargetType: "ip",
        Protocol: "HTTP",
        Port: spec.app.containerPort,
        VpcId: ref(ID.vpc),
        HealthCheckPath: HEALTH_CHECK_PATH,
        HealthCheckIntervalSeconds: 15,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 3,
        Matcher: { HttpCode: "200" },
        // notes-api drains in-flight requests on SIGTERM well within this.
        TargetGroupAttributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "30" }],
        Tags: tags(spec.name, "app"),
      },
    },
  };
  if (edge && spec.edge.acmCertificateArn) {
    resources[ID.httpsListener] = {
      Type: "AWS::ElasticLoadBalancingV2::Listener",
      Properties: {
        LoadBalancerArn: ref(ID.loadBalancer),
        Port: 443,
        Protocol: "HTTPS",
        Certificates: [{ CertificateArn: spec.edge.acmCertificateArn }],
        SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        DefaultActions: forward,
      },
    };
  }
  resources[ID.httpListener] = {
    Type: "AWS::ElasticLoadBalancingV2::Listener",
    Properties: {
      LoadBalancerArn: ref(ID.loadBalancer),
      Port: 80,
      Protocol: "HTTP",
      DefaultActions: edge
        ? [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }]
        : forward,
    },
  };
  return { Resources: resources };
}

/** Listeners the service must wait for: ECS refuses a target group no listener uses yet. */
export function listenerIds(spec: EnvironmentSpec): string[] {
  return albIsEdge(spec) ? [ID.httpsListener, ID.httpListener] : [ID.httpListener];
}
