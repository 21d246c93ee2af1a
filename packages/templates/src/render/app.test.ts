import { describe, expect, test } from "vitest";
import { renderTemplate } from "../index.js";
import type { CfnResource } from "./cfn.js";
import { ID } from "./ids.js";

type Container = {
  Environment: { Name: string; Value: unknown }[];
  HealthCheck?: { Command: string[]; Interval?: number; StartPeriod?: number; Retries?: number };
};
const container = (input: object): Container => {
  const task = renderTemplate(input).template.Resources[ID.taskDefinition] as CfnResource;
  return ((task.Properties?.ContainerDefinitions ?? []) as Container[])[0] as Container;
};
const env = (input: object) =>
  Object.fromEntries(container(input).Environment.map((e) => [e.Name, e.Value] as const));

const acm = {
  edge: {
    domain: "n.example.com",
    tls: "acm",
    acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
  },
};

describe("the browser's scheme behind the internal ALB", () => {
  // The ALB sets X-Forwarded-Proto to the protocol of its own listener (http behind nginx):
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html#x-forwarded-proto
  test("with nginx as the edge, notes-api reads the scheme from nginx's X-Stackyard-Proto", () => {
    expect(env({}).PROXY_PROTO_HEADER).toBe("x-stackyard-proto");
    expect(
      env({ edge: { domain: "n.example.com", certbotEmail: "ops@example.com" } }).PROXY_PROTO_HEADER,
    ).toBe("x-stackyard-proto");
  });

  test("with the ALB as the edge, its own X-Forwarded-Proto is the browser's: no override", () => {
    expect(env(acm).PROXY_PROTO_HEADER).toBeUndefined();
  });
});

describe("the container health check", () => {
  // ECS ignores a Dockerfile HEALTHCHECK; only the task definition's HealthCheck is run.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-healthcheck.html
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_healthcheck
  test("probes /healthz inside the container", () => {
    const check = container({}).HealthCheck;
    expect(check?.Command[0]).toBe("CMD");
    expect(check?.Command.join(" ")).toContain("/healthz");
    expect(check?.Retries).toBeGreaterThan(0);
  });
});
