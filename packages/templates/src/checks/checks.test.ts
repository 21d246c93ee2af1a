// Each test breaks a rendered template the way a hand edit (or a renderer bug) could, and expects the
// finding a user would need to see.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { CfnTemplate, Json } from "../render/cfn.js";
import { renderTemplate } from "../render/template.js";
import { resourceSchemaProblems } from "../testing/resource-schemas.test-helpers.js";
import { SPEC_VARIANTS } from "../testing/variants.test-helpers.js";
import { checkTemplate, hasErrors } from "./index.js";

function broken(edit: (t: CfnTemplate) => void, input: object = {}): CfnTemplate {
  const template = structuredClone(renderTemplate(input).template);
  edit(template);
  return template;
}

function errorsOf(template: CfnTemplate, check: string) {
  return checkTemplate(template).filter((f) => f.severity === "error" && f.check === check);
}

const set = (t: CfnTemplate, id: string, key: string, value: Json) => {
  const properties = t.Resources[id]?.Properties;
  if (!properties) throw new Error(`no ${id}`);
  properties[key] = value;
};

describe("references", () => {
  test("a Ref to a resource that does not exist", () => {
    const t = broken((t) => set(t, "PublicSubnet1", "VpcId", { Ref: "Vcp" }));
    expect(errorsOf(t, "references")).toEqual([
      expect.objectContaining({ logicalId: "PublicSubnet1", message: expect.stringContaining('"Vcp"') }),
    ]);
  });

  test("a Sub variable, a GetAtt, a DependsOn and a condition that do not exist", () => {
    const t = broken((t) => {
      set(t, "AppCluster", "ClusterName", {
        "Fn::Sub": ["$", "{Nope}-$", "{AWS::Region}-$", "{!Literal}"].join(""),
      });
      set(t, "AppTargetGroup", "VpcId", { "Fn::GetAtt": ["Gone", "VpcId"] });
      if (t.Resources.NginxEip) t.Resources.NginxEip.DependsOn = ["Missing"];
      if (t.Resources.AppScalableTarget) t.Resources.AppScalableTarget.Condition = "NoSuchCondition";
    });
    const messages = errorsOf(t, "references").map((f) => f.message);
    expect(messages).toHaveLength(4);
    for (const name of ["Nope", "Gone", "Missing", "NoSuchCondition"])
      expect(messages.join("\n")).toContain(name);
  });

  test("a dependency cycle is named with its path", () => {
    const t = broken((t) => {
      if (t.Resources.Vpc) t.Resources.Vpc.DependsOn = ["PublicSubnet1"];
    });
    expect(errorsOf(t, "references").map((f) => f.message)).toEqual([
      expect.stringMatching(/circular dependency: .*Vpc.*PublicSubnet1/),
    ]);
  });
});

describe("security-group reachability", () => {
  test("the database opened to a CIDR", () => {
    const t = broken((t) =>
      set(t, "DbSecurityGroup", "SecurityGroupIngress", [
        { CidrIp: "10.0.0.0/16", IpProtocol: "tcp", FromPort: 3306, ToPort: 3306 },
      ]),
    );
    expect(errorsOf(t, "security-groups")[0]?.message).toMatch(
      /DbSecurityGroup \(database\) admits 10.0.0.0\/16/,
    );
  });

  test("the database reachable from nginx", () => {
    const t = broken((t) =>
      set(t, "DbSecurityGroupIngressFromApp", "SourceSecurityGroupId", { Ref: "NginxSecurityGroup" }),
    );
    expect(errorsOf(t, "security-groups")[0]?.message).toMatch(
      /admits NginxSecurityGroup \(edge\).*only app and bastion/,
    );
  });

  test("SSH from the world on the bastion points at the spec field", () => {
    const t = broken((t) =>
      set(t, "BastionSecurityGroup", "SecurityGroupIngress", [
        { CidrIp: "0.0.0.0/0", IpProtocol: "tcp", FromPort: 22, ToPort: 22 },
      ]),
    );
    expect(errorsOf(t, "security-groups")[0]).toMatchObject({
      specField: "bastion.sshAllowedCidr",
      message: expect.stringMatching(/whole internet on port 22/),
    });
  });

  test("the internal ALB opened to the world", () => {
    const t = broken((t) =>
      set(t, "AlbSecurityGroup", "SecurityGroupIngress", [
        { CidrIp: "0.0.0.0/0", IpProtocol: "tcp", FromPort: 80, ToPort: 80 },
      ]),
    );
    expect(errorsOf(t, "security-groups")[0]?.message).toMatch(
      /AlbSecurityGroup \(load-balancer\) is open to the whole internet/,
    );
  });

  test("in acm mode the ALB may take 80/443 from the world, nothing else", () => {
    const acm = SPEC_VARIANTS["acm at the ALB, three zones, single-AZ database, no bastion"] ?? {};
    expect(errorsOf(renderTemplate(acm).template, "security-groups")).toEqual([]);
    const t = broken((t) => {
      const rules = t.Resources.AlbSecurityGroup?.Properties?.SecurityGroupIngress as Json[];
      rules.push({ CidrIp: "0.0.0.0/0", IpProtocol: "tcp", FromPort: 8080, ToPort: 8080 });
    }, acm);
    expect(errorsOf(t, "security-groups")).toHaveLength(1);
  });

  test("a missing rule on a required path: the app would be unreachable", () => {
    const t = broken((t) => {
      delete t.Resources.AppSecurityGroupIngressFromAlb;
    });
    expect(errorsOf(t, "security-groups")).toEqual([
      expect.objectContaining({
        logicalId: "AppSecurityGroup",
        message: "no rule lets the load balancer to the app through",
      }),
    ]);
  });

  test("an all-protocols rule", () => {
    const t = broken((t) => set(t, "AppSecurityGroupIngressFromAlb", "IpProtocol", "-1"));
    expect(errorsOf(t, "security-groups")[0]?.message).toMatch(/every protocol and port/);
  });
});

describe("private tiers", () => {
  test("tasks given public IPs, in a public subnet", () => {
    const t = broken((t) =>
      set(t, "AppService", "NetworkConfiguration", {
        AwsvpcConfiguration: {
          AssignPublicIp: "ENABLED",
          Subnets: [{ Ref: "PublicSubnet1" }],
          SecurityGroups: [{ Ref: "AppSecurityGroup" }],
        },
      }),
    );
    const messages = errorsOf(t, "private-tiers").map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/public IP/),
      expect.stringMatching(/PublicSubnet1, a public subnet/),
    ]);
  });

  test("a private subnet with no NAT route cannot pull images", () => {
    const t = broken((t) => {
      delete t.Resources.PrivateRouteTable1DefaultRoute;
    });
    expect(errorsOf(t, "private-tiers").some((f) => /no route to a NAT gateway/.test(f.message))).toBe(true);
  });
});

describe("best practice", () => {
  test("unencrypted, public database", () => {
    const t = broken((t) => {
      set(t, "DbInstance", "StorageEncrypted", false);
      set(t, "DbInstance", "PubliclyAccessible", true);
    });
    expect(errorsOf(t, "best-practice").map((f) => f.message)).toEqual([
      "database storage is not encrypted",
      "database is publicly accessible",
    ]);
  });

  test("single-AZ database is a warning that names the spec field", () => {
    const findings = checkTemplate(renderTemplate({ database: { multiAz: false } }).template);
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: "warning", specField: "database.multiAz" }),
    );
    expect(hasErrors(findings)).toBe(false);
  });

  test("IMDSv1 allowed on the nginx instance", () => {
    const t = broken((t) => set(t, "NginxInstance", "MetadataOptions", { HttpTokens: "optional" }));
    expect(errorsOf(t, "best-practice")).toEqual([
      expect.objectContaining({ logicalId: "NginxInstance", message: expect.stringMatching(/IMDSv2/) }),
    ]);
  });
});

describe("secrets", () => {
  test("a literal master password, a plaintext env password and an access key are all found", () => {
    const t = broken((t) => {
      set(t, "DbInstance", "MasterUserPassword", "admin123");
      const definitions = t.Resources.AppTaskDefinition?.Properties?.ContainerDefinitions;
      const container = (definitions as { Environment: Json[] }[] | undefined)?.[0];
      container?.Environment.push({ Name: "DB_PASSWORD", Value: "admin123" });
      set(t, "AppCluster", "ClusterName", "AKIAIOSFODNN7EXAMPLE");
    });
    expect(errorsOf(t, "secrets")).toHaveLength(3);
  });

  test("the seed's hard-coded database URL is caught", () => {
    const t = broken((t) =>
      set(
        t,
        "AppCluster",
        "ClusterName",
        "mysql+pymysql://admin:admin123@db-flask.cluster.rds.amazonaws.com:3306/notes",
      ),
    );
    expect(errorsOf(t, "secrets")[0]?.message).toMatch(/database URL with a password/);
  });
});

test("not a template at all", () => {
  expect(checkTemplate({} as CfnTemplate)[0]?.message).toMatch(/not a CloudFormation template/);
});

test("the resource-schema validator used by the renderer tests is not a rubber stamp", () => {
  const t = broken((t) => {
    set(t, "Vpc", "CidrBlok", "10.0.0.0/16");
    set(t, "AppTargetGroup", "Port", "eighty");
    delete t.Resources.PublicSubnet1?.Properties?.VpcId;
  });
  expect(resourceSchemaProblems(t)).toEqual([
    "Vpc.Properties.CidrBlok: no such property",
    "PublicSubnet1.Properties.VpcId: required property missing",
    'AppTargetGroup.Properties.Port: expected a number, got "eighty"',
  ]);
}, 60_000);

test("checks never crash on a malformed template: they report, they do not throw", () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (resources, rest) => {
      const template = {
        Resources: resources,
        Parameters: rest,
        Conditions: rest,
        Outputs: rest,
      } as unknown as CfnTemplate;
      expect(Array.isArray(checkTemplate(template))).toBe(true);
    }),
    { numRuns: 1000 },
  );
}, 60_000);

test("checks never crash on a rendered template with random values spliced into its resources", () => {
  const { template } = renderTemplate({});
  const ids = Object.keys(template.Resources);
  fc.assert(
    fc.property(fc.constantFrom(...ids), fc.string(), fc.jsonValue(), (id, key, value) => {
      const copy = structuredClone(template);
      const properties = copy.Resources[id]?.Properties ?? {};
      properties[key || "Properties"] = value as Json;
      expect(Array.isArray(checkTemplate(copy))).toBe(true);
    }),
    { numRuns: 300 },
  );
}, 60_000);
