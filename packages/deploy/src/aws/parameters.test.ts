import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
} from "@aws-sdk/client-cloudformation";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { defaultSpec, exampleSpec, renderTemplate, UBUNTU_AMI_SSM_PARAMETER } from "@stackyard/templates";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { DeployRequest } from "../driver.js";
import { AwsCloudFormationDriver } from "./driver.js";
import {
  changeSetParameters,
  DeployedParameterKeys,
  deployedParameterKeys,
  resolveChangeSetParameters,
} from "./parameters.js";

const cfn = mockClient(CloudFormationClient);
const ssmMock = mockClient(SSMClient);
beforeEach(() => {
  cfn.reset();
  ssmMock.reset();
});

function requestFor(spec = exampleSpec()): DeployRequest {
  return {
    stackName: spec.name,
    templateBody: renderTemplate(spec).json,
    clientRequestToken: "op-7",
    spec,
  };
}

describe("changeSetParameters", () => {
  const deployed = new Set(["AppImage", "UbuntuAmiId"]);

  it("sends nothing extra on a create: the template's defaults apply", () => {
    expect(changeSetParameters("create", requestFor(), deployed)).toEqual([]);
  });

  it("keeps the deployed AMI and image on an update when the spec names no image", () => {
    const parameters = changeSetParameters("update", requestFor(), deployed);
    expect(parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: "UbuntuAmiId", UsePreviousValue: true },
        { ParameterKey: "AppImage", UsePreviousValue: true },
      ]),
    );
    expect(parameters).toHaveLength(2);
  });

  it("lets the spec's image through (its template Default) when the spec names one", () => {
    const spec = exampleSpec();
    const withImage = { ...spec, app: { ...spec.app, image: "public.ecr.aws/acme/notes:1.2.3" } };
    const parameters = changeSetParameters("update", requestFor(withImage), deployed);
    expect(parameters.map((p) => p.ParameterKey)).toEqual(["UbuntuAmiId"]);
  });

  it("never asks for a previous value the deployed stack does not have", () => {
    expect(changeSetParameters("update", requestFor(), new Set(["AppImage"]))).toEqual([
      { ParameterKey: "AppImage", UsePreviousValue: true },
    ]);
  });

  it("puts explicit values first and does not also keep them", () => {
    const request = { ...requestFor(), parameters: { AppImage: "repo/notes:9" } };
    const parameters = changeSetParameters("update", request, deployed);
    expect(parameters[0]).toEqual({ ParameterKey: "AppImage", ParameterValue: "repo/notes:9" });
    expect(parameters.filter((p) => p.ParameterKey === "AppImage")).toHaveLength(1);
  });
});

it("an update change set reads the deployed parameters and keeps the pushed image", async () => {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: "notes-prod",
        StackStatus: "UPDATE_COMPLETE",
        CreationTime: new Date(),
        Parameters: [
          { ParameterKey: "AppImage", ParameterValue: "123456789012.dkr.ecr.us-east-1.amazonaws.com/n:abc" },
          { ParameterKey: "UbuntuAmiId", ParameterValue: "/aws/service/canonical/ubuntu" },
        ],
      },
    ],
  });
  cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-9", StackId: "stack-9" });
  cfn.on(DescribeChangeSetCommand).resolves({ Status: "CREATE_COMPLETE", Changes: [] });
  const driver = new AwsCloudFormationDriver({
    region: "us-east-1",
    client: new CloudFormationClient({ region: "us-east-1" }),
    changeSetTiming: { pollMs: 1, sleep: async () => {} },
  });
  await driver.prepare("update", requestFor({ ...defaultSpec(), name: "notes-prod" }));
  const sent = cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.Parameters;
  expect(sent).toContainEqual({ ParameterKey: "AppImage", UsePreviousValue: true });
});

// UbuntuAmiId is a plain AWS::EC2::Image::Id: CloudFormation would resolve an SSM parameter type again on
// every update, replacing the instances whenever Canonical publishes an image. The portal resolves Canonical's
// public parameter itself, once.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
// https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
describe("the Ubuntu AMI", () => {
  const ssm = new SSMClient({ region: "us-east-1" });
  const deployed = new Set(["AppImage", "UbuntuAmiId"]);
  const amiOf = (parameters: { ParameterKey?: string; ParameterValue?: string }[]) =>
    parameters.find((p) => p.ParameterKey === "UbuntuAmiId");
  beforeEach(() => {
    ssmMock
      .on(GetParameterCommand, { Name: UBUNTU_AMI_SSM_PARAMETER })
      .resolves({ Parameter: { Value: "ami-0fedcba9876543210" } });
  });

  it("is resolved from Canonical's SSM parameter when the stack is created", async () => {
    const parameters = await resolveChangeSetParameters("create", requestFor(), new Set(), ssm);
    expect(amiOf(parameters)).toEqual({
      ParameterKey: "UbuntuAmiId",
      ParameterValue: "ami-0fedcba9876543210",
    });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  it("is kept on an update, without asking SSM", async () => {
    const parameters = await resolveChangeSetParameters("update", requestFor(), deployed, ssm);
    expect(amiOf(parameters)).toEqual({ ParameterKey: "UbuntuAmiId", UsePreviousValue: true });
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(0);
  });

  it("is resolved again on an update that asks for refreshAmi", async () => {
    const request = { ...requestFor(), refreshAmi: true };
    const parameters = await resolveChangeSetParameters("update", request, deployed, ssm);
    expect(amiOf(parameters)).toEqual({
      ParameterKey: "UbuntuAmiId",
      ParameterValue: "ami-0fedcba9876543210",
    });
    expect(parameters.filter((p) => p.ParameterKey === "UbuntuAmiId")).toHaveLength(1);
  });

  it("is resolved on an update whose deployed stack had no instance yet", async () => {
    const parameters = await resolveChangeSetParameters("update", requestFor(), new Set(["AppImage"]), ssm);
    expect(amiOf(parameters)?.ParameterValue).toBe("ami-0fedcba9876543210");
  });

  it("is not asked for when the template launches no instance", async () => {
    const spec = defaultSpec();
    const acm = {
      ...spec,
      edge: {
        ...spec.edge,
        domain: "n.example.com",
        tls: "acm" as const,
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
      },
      bastion: { ...spec.bastion, enabled: false },
    };
    const parameters = await resolveChangeSetParameters("create", requestFor(acm), new Set(), ssm);
    expect(amiOf(parameters)).toBeUndefined();
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(0);
  });

  it("refuses an SSM answer that is not an AMI ID", async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: "" } });
    await expect(resolveChangeSetParameters("create", requestFor(), new Set(), ssm)).rejects.toThrow(
      /AMI ID/,
    );
  });

  // A stack created while UbuntuAmiId was SSM-typed has the parameter's *name* as its value; DescribeStacks
  // reports what it resolved to: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
  it("keeps the AMI a stack rendered with the old SSM-typed parameter runs", async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: "notes-prod",
          StackStatus: "UPDATE_COMPLETE",
          CreationTime: new Date(),
          Parameters: [
            { ParameterKey: "AppImage", ParameterValue: "" },
            {
              ParameterKey: "UbuntuAmiId",
              ParameterValue: UBUNTU_AMI_SSM_PARAMETER,
              ResolvedValue: "ami-0123456789abcdef0",
            },
          ],
        },
      ],
    });
    const keys = await deployedParameterKeys(new CloudFormationClient({ region: "us-east-1" }), "notes-prod");
    expect(keys).toBeInstanceOf(DeployedParameterKeys);
    const parameters = await resolveChangeSetParameters("update", requestFor(), keys, ssm);
    expect(amiOf(parameters)).toEqual({
      ParameterKey: "UbuntuAmiId",
      ParameterValue: "ami-0123456789abcdef0",
    });
    expect(changeSetParameters("update", requestFor(), keys)).toContainEqual({
      ParameterKey: "AppImage",
      UsePreviousValue: true,
    });
  });
});
