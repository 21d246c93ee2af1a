import { renderTemplate } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { creationOrder, references, runInDependencyOrder, templateResources } from "./ordering.js";

const template = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, Resources: resources });

describe("references", () => {
  it("finds Ref, Fn::GetAtt in both forms and Fn::Sub variables, but not pseudo parameters", () => {
    const found = references({
      A: { Ref: "Vpc" },
      B: { "Fn::GetAtt": ["Db", "Endpoint.Address"] },
      C: { "Fn::GetAtt": "Alb.DNSName" },
      D: { "Fn::Sub": `http://\${Eip}:\${AWS::Region}/\${Repo.RepositoryUri}` },
      E: { "Fn::Sub": [`\${Local}-\${Role}`, { Local: { Ref: "Bucket" } }] },
      F: { "Fn::Sub": `\${!Literal}` },
    });
    expect([...found].sort()).toEqual(["Alb", "Bucket", "Db", "Eip", "Repo", "Role", "Vpc"]);
  });
});

describe("templateResources", () => {
  it("takes DependsOn and references, ignoring parameters and self", () => {
    const [, subnet] = templateResources(
      template(
        {
          Vpc: { Type: "AWS::EC2::VPC" },
          Subnet: {
            Type: "AWS::EC2::Subnet",
            DependsOn: "Vpc",
            Properties: { VpcId: { Ref: "Vpc" }, ImageId: { Ref: "Ami" }, Name: { Ref: "Subnet" } },
          },
        },
        { Parameters: { Ami: { Type: "String" } } },
      ),
    );
    expect(subnet?.dependsOn).toEqual(["Vpc"]);
  });

  it("rejects what CloudFormation rejects, with its reason", () => {
    expect(() => templateResources("not json")).toThrow(/not JSON/);
    expect(() => templateResources(template({}))).toThrow(/at least one Resources member/);
    expect(() => templateResources(template({ A: { Properties: {} } }))).toThrow(/A has no Type/);
    expect(() =>
      templateResources(template({ A: { Type: "T", Properties: { X: { Ref: "Gone" } } } })),
    ).toThrow("unresolved resource dependency [Gone] in A");
  });
});

describe("creationOrder", () => {
  it("puts every resource of the default template after what it references", () => {
    const resources = creationOrder(templateResources(renderTemplate({}).json));
    const position = new Map(resources.map((r, i) => [r.logicalId, i]));
    for (const resource of resources) {
      for (const dependency of resource.dependsOn) {
        expect(position.get(dependency)).toBeLessThan(position.get(resource.logicalId) ?? -1);
      }
    }
    expect(position.get("Vpc")).toBeLessThan(position.get("PublicSubnet1") ?? -1);
    expect(position.get("DbInstance")).toBeLessThan(position.get("AppTaskDefinition") ?? -1);
    expect(position.get("AppHttpListener")).toBeLessThan(position.get("AppService") ?? -1);
  });

  it("names the resources of a cycle", () => {
    const cyclic = templateResources(
      template({
        A: { Type: "T", Properties: { X: { Ref: "B" } } },
        B: { Type: "T", Properties: { X: { Ref: "A" } } },
        C: { Type: "T" },
      }),
    );
    expect(() => creationOrder(cyclic)).toThrow("Circular dependency between resources: [A, B]");
  });
});

describe("runInDependencyOrder", () => {
  const resources = templateResources(
    template({
      Net: { Type: "T" },
      Db: { Type: "T", DependsOn: "Net" },
      Cache: { Type: "T", DependsOn: "Net" },
      App: { Type: "T", DependsOn: ["Db", "Cache"] },
    }),
  );

  it("runs independent resources at the same time and dependants after", async () => {
    const log: string[] = [];
    const failure = await runInDependencyOrder(resources, async (r) => {
      log.push(`start ${r.logicalId}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push(`end ${r.logicalId}`);
    });
    expect(failure).toBeNull();
    expect(log).toEqual([
      "start Net",
      "end Net",
      "start Db",
      "start Cache",
      "end Db",
      "end Cache",
      "start App",
      "end App",
    ]);
  });

  it("starts nothing new after a failure, lets running work finish, and reports the failure", async () => {
    const finished: string[] = [];
    const failure = await runInDependencyOrder(resources, async (r) => {
      if (r.logicalId === "Db") throw new Error("port taken");
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished.push(r.logicalId);
    });
    expect(failure?.logicalId).toBe("Db");
    expect(failure?.error).toEqual(new Error("port taken"));
    expect(finished).toEqual(["Net", "Cache"]);
  });
});
