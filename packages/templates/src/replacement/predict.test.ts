// What an update of each spec field replaces on AWS. Every row is checked twice: against the expectations
// written here (from AWS's documentation) and against a prediction made with a table read live from the
// official resource specification (@aws-cdk/aws-service-spec), so neither can be wrong alone.
// Update behaviours: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html
import { describe, expect, it } from "vitest";
import { renderTemplate } from "../render/template.js";
import type { EnvironmentSpecInput } from "../spec/schema.js";
import { serviceSpecReplacementTable } from "../testing/replacement-table.test-helpers.js";
import { canonical, type PredictedChange, predictTemplateChanges, referencedIds } from "./predict.js";

const certbot: EnvironmentSpecInput = {
  name: "notes-prod",
  edge: { domain: "notes.example.com", tls: "certbot", certbotEmail: "ops@example.com" },
};
const with_ = (edit: EnvironmentSpecInput): EnvironmentSpecInput => ({ ...certbot, ...edit });
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:abc1234";

type Expected = Record<string, `${"Add" | "Remove" | "True" | "False" | "Conditional" | "absent"}${string}`>;

// "LogicalId": "True DBName" = Modify, predicted True, caused by DBName (causes in order, comma-separated).
const EDITS: { field: string; from?: EnvironmentSpecInput; to: EnvironmentSpecInput; expected: Expected }[] =
  [
    {
      // aws-resource-rds-dbinstance.html: DBName "Update requires: Replacement". The task definition names
      // the database and the new endpoint: a new revision (ContainerDefinitions: Replacement).
      field: "database.name",
      to: with_({ database: { name: "notes_v2" } }),
      expected: {
        DbInstance: "True DBName",
        AppTaskDefinition: "True ContainerDefinitions",
        AppService: "False",
      },
    },
    {
      // EngineVersion: "Some interruptions"; the parameter group's Family: Replacement, and the instance's
      // DBParameterGroupName is "maybe" (aws-resource-rds-dbparametergroup.html).
      field: "database.engineVersion",
      from: with_({ database: { engineVersion: "8.0" } }),
      to: with_({ database: { engineVersion: "8.4" } }),
      expected: { DbParameterGroup: "True Family", DbInstance: "Conditional DBParameterGroupName" },
    },
    {
      // DBInstanceClass: "Some interruptions" (a reboot), never a new instance.
      field: "database.instanceClass",
      to: with_({ database: { instanceClass: "db.t3.small" } }),
      expected: { DbInstance: "False" },
    },
    {
      // MultiAZ: "Some interruptions" in the docs, "maybe" in the spec (a conversion can restore).
      field: "database.multiAz",
      to: with_({ database: { multiAz: false } }),
      expected: { DbInstance: "Conditional MultiAZ" },
    },
    {
      // AllocatedStorage: "No interruption" (storage only grows).
      field: "database.allocatedStorageGb",
      to: with_({ database: { allocatedStorageGb: 40 } }),
      expected: { DbInstance: "False" },
    },
    {
      // aws-resource-ec2-vpc.html CidrBlock: Replacement; every subnet moves (CidrBlock: Replacement) and
      // what lives in the VPC follows the new VPC's id, known only once it exists: Conditional.
      field: "network.vpcCidr",
      to: with_({ network: { vpcCidr: "10.1.0.0/16" } }),
      expected: {
        Vpc: "True CidrBlock",
        PublicSubnet1: "True CidrBlock,VpcId",
        PrivateSubnet3: "True CidrBlock,VpcId",
        NginxSecurityGroup: "Conditional VpcId",
        NginxInstance: "Conditional NetworkInterfaces",
        NginxEip: "False",
        AppTargetGroup: "Conditional VpcId",
      },
    },
    {
      field: "network.privateSubnets",
      to: with_({ network: { privateSubnets: ["10.0.100.0/24", "10.0.101.0/24", "10.0.102.0/24"] } }),
      expected: {
        PrivateSubnet1: "True CidrBlock",
        PrivateSubnet2: "True CidrBlock",
        PrivateSubnet3: "True CidrBlock",
        PrivateSubnet1RouteTableAssociation: "Conditional SubnetId",
        // Subnets of a load balancer, a service and a DB subnet group change in place.
        AppLoadBalancer: "False",
        AppService: "False",
        DbSubnetGroup: "False",
        BastionInstance: "Conditional NetworkInterfaces",
      },
    },
    {
      // Subnet AvailabilityZone: Replacement. With three zones the third private subnet moves to the new zone.
      field: "network.azCount",
      to: with_({ network: { azCount: 3 } }),
      expected: { PublicSubnet3: "Add", PrivateSubnet3: "True AvailabilityZone", DbSubnetGroup: "False" },
    },
    {
      // The instance's user data changes and the renderer names its digest in NetworkInterfaces
      // (Replacement) so the new script really runs; the EIP is re-associated (InstanceId: No interruption).
      field: "edge.tls (certbot → none)",
      to: with_({ edge: { domain: "notes.example.com", tls: "none" } }),
      expected: { NginxInstance: "True NetworkInterfaces,UserData", NginxEip: "False" },
    },
    {
      // ACM: the load balancer becomes internet-facing (Scheme: Replacement) and nginx goes away.
      field: "edge.tls (certbot → acm)",
      to: with_({
        edge: {
          domain: "notes.example.com",
          tls: "acm",
          acmCertificateArn:
            "arn:aws:acm:us-east-1:123456789012:certificate/0f2e4c1a-1111-2222-3333-444455556666",
        },
      }),
      expected: {
        AppLoadBalancer: "True Scheme",
        AppHttpsListener: "Add",
        NginxInstance: "Remove",
        NginxEip: "Remove",
        DbInstance: "absent",
      },
    },
    {
      field: "edge.domain",
      to: with_({ edge: { domain: "notes.example.org", tls: "certbot", certbotEmail: "ops@example.com" } }),
      expected: { NginxInstance: "True NetworkInterfaces,UserData", NginxEip: "False" },
    },
    {
      // aws-resource-ec2-instance.html InstanceType: "Some interruptions" for EBS-backed instances; the spec
      // says maybe (instance store: Replacement).
      field: "edge.instanceType",
      to: with_({ edge: { ...certbot.edge, instanceType: "t3.small" } }),
      expected: { NginxInstance: "Conditional InstanceType", NginxEip: "False" },
    },
    {
      field: "bastion.instanceType",
      to: with_({ bastion: { instanceType: "t3.small" } }),
      expected: { BastionInstance: "Conditional InstanceType", NginxInstance: "absent" },
    },
    {
      field: "app.desiredCount",
      to: with_({ app: { desiredCount: 3 } }),
      expected: { AppService: "False", AppTaskDefinition: "absent" },
    },
    {
      // The image is the AppImage parameter: a new value is a new task definition revision.
      field: "app.image",
      to: with_({ app: { image: IMAGE } }),
      expected: { AppTaskDefinition: "True ContainerDefinitions", AppService: "False", DbInstance: "absent" },
    },
  ];

function summary(change: PredictedChange | undefined): string {
  if (!change) return "absent";
  if (change.action !== "Modify") return change.action;
  return [change.predictedReplacement, change.replacementCauses.join(",")].filter(Boolean).join(" ");
}

const serviceSpec = serviceSpecReplacementTable();

describe.each(EDITS)("an update of $field", ({ from, to, expected }) => {
  const before = renderTemplate(from ?? certbot).template;
  const after = renderTemplate(to).template;
  const predicted = predictTemplateChanges(before, after);
  const byId = new Map(predicted.map((c) => [c.logicalResourceId, c]));

  it("predicts what AWS documents, per resource", () => {
    const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, summary(byId.get(id))]));
    expect(actual).toEqual(expected);
  });

  it("predicts the same with the table read from @aws-cdk/aws-service-spec", () => {
    expect(predictTemplateChanges(before, after, { table: serviceSpec })).toEqual(predicted);
    for (const change of predicted.filter((c) => c.predictedReplacement === "True")) {
      const yes = change.replacementCauses.filter((p) => serviceSpec[change.resourceType]?.[p] === "yes");
      expect(yes.length, `${change.logicalResourceId}: ${change.replacementCauses}`).toBeGreaterThan(0);
    }
  });
});

describe("predictTemplateChanges", () => {
  const template = renderTemplate(certbot).template;

  it("finds nothing when nothing changes", () => {
    expect(predictTemplateChanges(template, structuredClone(template))).toEqual([]);
  });

  it("compares values as JSON whatever the key order", () => {
    expect(canonical({ b: 1, a: { d: 2, c: 3 } })).toBe(canonical({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it("treats a property it does not know as not decidable offline", () => {
    const after = structuredClone(template);
    const db = after.Resources.DbInstance;
    if (db?.Properties) db.Properties.NotAProperty = "x";
    expect(
      summary(predictTemplateChanges(template, after).find((c) => c.logicalResourceId === "DbInstance")),
    ).toBe("Conditional NotAProperty");
  });

  it("reads references through Ref, Fn::GetAtt and Fn::Sub, not pseudo parameters or Sub variables", () => {
    const value = {
      a: { Ref: "Vpc" },
      b: { "Fn::GetAtt": ["DbInstance", "Endpoint.Address"] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string
      c: { "Fn::Sub": ["${AppLoadBalancer.DNSName}:${Port}/${AWS::Region}", { Port: { Ref: "P" } }] },
      d: { Ref: "AWS::StackName" },
    };
    expect([...referencedIds(value)].sort()).toEqual(["AppLoadBalancer", "DbInstance", "P", "Vpc"]);
  });
});
