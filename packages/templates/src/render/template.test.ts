import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkTemplate } from "../checks/index.js";
import { renderTemplate } from "../index.js";
import { InvalidSpecError } from "../spec/parse.js";
import { resourceSchemaProblems } from "../testing/resource-schemas.test-helpers.js";
import { SPEC_VARIANTS } from "../testing/variants.test-helpers.js";

const variants = Object.entries(SPEC_VARIANTS);
const ofType = (template: ReturnType<typeof renderTemplate>["template"], type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

describe.each(variants)("%s", (_name, input) => {
  const rendered = renderTemplate(input);

  // The first call loads the schema database (~1,800 resource types): seconds on a busy machine.
  test("matches the official CloudFormation resource schemas", { timeout: 60_000 }, () => {
    expect(resourceSchemaProblems(rendered.template)).toEqual([]);
  });

  test("passes Stackyard's own checks with no errors", () => {
    expect(checkTemplate(rendered.template).filter((f) => f.severity === "error")).toEqual([]);
  });

  test("renders byte-identical JSON and YAML every time", () => {
    const again = renderTemplate(input);
    expect(again.json).toBe(rendered.json);
    expect(again.yaml).toBe(rendered.yaml);
  });

  test("YAML and JSON describe the same template", () => {
    expect(parseYaml(rendered.yaml, { version: "1.1" })).toEqual(JSON.parse(rendered.json));
  });

  test("has every output the portal shows", () => {
    expect(Object.keys(rendered.template.Outputs)).toEqual(
      expect.arrayContaining([
        "AppUrl",
        "AlbDnsName",
        "DbEndpoint",
        "DbSecretArn",
        "EcrRepositoryUri",
        "ClusterName",
        "ServiceName",
        "VpcId",
        "ImagePushCommands",
      ]),
    );
  });

  test("places a subnet of each tier in every zone and NAT as asked", () => {
    const { spec, template } = rendered;
    const zonesOf = (prefix: string) =>
      new Set(
        ofType(template, "AWS::EC2::Subnet")
          .filter(([id]) => id.startsWith(prefix))
          .map(([, s]) => JSON.stringify(s.Properties?.AvailabilityZone)),
      );
    expect(zonesOf("Public").size).toBe(spec.network.azCount);
    expect(zonesOf("Private").size).toBe(spec.network.azCount);
    const nats = ofType(template, "AWS::EC2::NatGateway").length;
    expect(nats).toBe(spec.network.natGateways === "per-az" ? spec.network.azCount : 1);
  });

  test("never puts a secret in the template", () => {
    expect(rendered.json).not.toContain('"MasterUserPassword"');
    expect(rendered.json).toMatch(/"ManageMasterUserPassword": true/);
  });

  test("matches its golden file", async () => {
    const file = _name
      .replace(/[^a-z0-9]+/gi, "-")
      .replace(/-+$/, "")
      .toLowerCase();
    await expect(rendered.json).toMatchFileSnapshot(`./golden/${file}.template.json.golden`);
  });
});

describe("edge modes", () => {
  test('"none" and "certbot" put nginx on EC2 in front of an internal ALB', () => {
    for (const input of [
      SPEC_VARIANTS["default (plain HTTP, SSM bastion, no image yet)"],
      variants[1]?.[1],
    ]) {
      const { template } = renderTemplate(input ?? {});
      expect(template.Resources.NginxInstance?.Type).toBe("AWS::EC2::Instance");
      expect(template.Resources.AppLoadBalancer?.Properties?.Scheme).toBe("internal");
    }
  });

  test('"acm" makes the ALB the internet-facing edge with HTTPS and no nginx instance', () => {
    const { template } = renderTemplate(
      SPEC_VARIANTS["acm at the ALB, three zones, single-AZ database, no bastion"] ?? {},
    );
    expect(template.Resources.NginxInstance).toBeUndefined();
    expect(template.Resources.AppLoadBalancer?.Properties?.Scheme).toBe("internet-facing");
    expect(template.Resources.AppHttpsListener?.Properties).toMatchObject({ Port: 443, Protocol: "HTTPS" });
    expect(JSON.stringify(template.Resources.AppHttpListener)).toContain('"redirect"');
  });

  test("certbot user data issues the certificate for the domain, and plain HTTP does not", () => {
    const certbot = renderTemplate(variants[1]?.[1] ?? {}).json;
    expect(certbot).toContain("certbot certonly --webroot");
    expect(certbot).toContain("domain='notes.example.com'");
    expect(renderTemplate({}).json).not.toContain("certbot certonly");
  });
});

describe("the image chicken-and-egg", () => {
  test("without an image the service starts at 0 tasks and autoscaling waits for one", () => {
    const { template } = renderTemplate({});
    expect(template.Parameters.AppImage?.Default).toBe("");
    expect(template.Resources.AppService?.Properties?.DesiredCount).toEqual({
      "Fn::If": ["HasAppImage", 2, 0],
    });
    expect(template.Resources.AppScalableTarget?.Condition).toBe("HasAppImage");
  });

  test("the push commands output names the repository, a login, a push and the stack update", () => {
    const { template } = renderTemplate({});
    const text = JSON.stringify(template.Outputs.ImagePushCommands?.Value);
    for (const step of [
      "aws ecr get-login-password",
      "docker push",
      "aws cloudformation update-stack",
      "ParameterKey=AppImage",
    ]) {
      expect(text).toContain(step);
    }
  });
});

describe("bastion modes", () => {
  test("SSM: private subnet, no public address, no inbound rule", () => {
    const { template } = renderTemplate({});
    expect(JSON.stringify(template.Resources.BastionInstance?.Properties?.NetworkInterfaces)).toContain(
      "PrivateSubnet1",
    );
    expect(template.Resources.BastionSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([]);
    expect(template.Resources.BastionEip).toBeUndefined();
  });

  test("SSH: port 22 from the one CIDR and a public address", () => {
    const { template } = renderTemplate(variants[1]?.[1] ?? {});
    expect(template.Resources.BastionSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      expect.objectContaining({ CidrIp: "203.0.113.7/32", FromPort: 22, ToPort: 22 }),
    ]);
    expect(template.Outputs.BastionPublicIp).toBeDefined();
  });

  test("disabled: no bastion and the database admits the app only", () => {
    const { template } = renderTemplate({ bastion: { enabled: false } });
    expect(template.Resources.BastionInstance).toBeUndefined();
    expect(template.Resources.DbSecurityGroupIngressFromBastion).toBeUndefined();
  });
});

test("an invalid spec is refused, never rendered", () => {
  expect(() => renderTemplate({ app: { cpu: 300 } })).toThrow(InvalidSpecError);
});
