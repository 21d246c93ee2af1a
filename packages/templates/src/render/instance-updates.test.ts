import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import { describe, expect, test } from "vitest";
import { renderTemplate } from "../index.js";
import type { CfnResource, Json } from "./cfn.js";
import { ID } from "./ids.js";

const certbot = { edge: { domain: "notes.example.com", certbotEmail: "ops@example.com" } };
const resource = (input: object, id: string) => renderTemplate(input).template.Resources[id] as CfnResource;

/** The instance properties whose change CloudFormation answers with a replacement, per AWS's schema. */
let replacing: Set<string> | undefined;
function replacingProperties(): Set<string> {
  if (replacing) return replacing;
  const schema = loadAwsServiceSpecSync().lookup(
    "resource",
    "cloudFormationType",
    "equals",
    "AWS::EC2::Instance",
  )[0];
  const properties = (schema?.properties ?? {}) as Record<string, { causesReplacement?: string }>;
  replacing = new Set(
    Object.entries(properties)
      .filter(([, p]) => p.causesReplacement === "yes")
      .map(([name]) => name),
  );
  return replacing;
}

const changed = (a: CfnResource, b: CfnResource) =>
  Object.keys({ ...a.Properties, ...b.Properties }).filter(
    (key) => JSON.stringify(a.Properties?.[key]) !== JSON.stringify(b.Properties?.[key]),
  );

describe("a user data change replaces the instance", () => {
  // UserData: "If the root volume is an EBS volume and you update user data, CloudFormation restarts the
  // instance" (cloud-init does not run it again); NetworkInterfaces: "Update requires: Replacement".
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-userdata
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-networkinterfaces
  test("UserData is updated in place by CloudFormation (the reason for this rule)", () => {
    expect(replacingProperties().has("UserData")).toBe(false);
    expect(replacingProperties().has("NetworkInterfaces")).toBe(true);
  });

  test.each([
    ["plain HTTP → certbot", {}, certbot],
    ["another domain", certbot, { edge: { domain: "other.example.com", certbotEmail: "ops@example.com" } }],
    ["another certbot e-mail", certbot, { edge: { ...certbot.edge, certbotEmail: "x@example.com" } }],
  ])("nginx: %s", (_label, before, after) => {
    const a = resource(before, ID.nginxInstance);
    const b = resource(after, ID.nginxInstance);
    const properties = changed(a, b);
    expect(properties).toContain("UserData");
    expect(properties.some((p) => replacingProperties().has(p))).toBe(true);
  });

  test("the same spec twice changes nothing (no replacement on an unrelated update)", () => {
    expect(changed(resource(certbot, ID.nginxInstance), resource(certbot, ID.nginxInstance))).toEqual([]);
    expect(
      changed(resource({}, ID.bastionInstance), resource({ app: { desiredCount: 3 } }, ID.bastionInstance)),
    ).toEqual([]);
  });

  test("the bastion carries its user data's digest in a replacing property too", () => {
    const bastion = resource({}, ID.bastionInstance);
    const interfaces = bastion.Properties?.NetworkInterfaces as { Description?: Json }[];
    expect(interfaces[0]?.Description).toMatch(/user data sha256:[0-9a-f]{16}/);
  });
});

describe("nginx setup signals CloudFormation", () => {
  // CreationPolicy + cfn-signal: the stack waits for the instance's signal and fails on a failure signal or
  // a timeout. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-creationpolicy.html
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/cfn-signal.html
  test.each([
    ["plain HTTP", {}],
    ["certbot", certbot],
  ])("%s", (_label, input) => {
    const nginx = resource(input, ID.nginxInstance);
    expect(nginx.CreationPolicy).toEqual({
      ResourceSignal: { Count: 1, Timeout: expect.stringMatching(/^PT\d+M$/) },
    });
    const script = JSON.stringify(nginx.Properties?.UserData);
    expect(script).toContain("cfn-signal --exit-code");
    expect(script).toContain(`--resource '${ID.nginxInstance}'`);
    expect(script).toContain(`--stack '$${"{"}AWS::StackName}'`);
    expect(script).toContain("trap 'signal 1' ERR");
    // Success is signalled last, after nginx serves; certificate issuance stays asynchronous (its timer).
    expect(script).toMatch(/systemctl restart nginx[\s\S]*signal 0\\n"/);
  });
});
