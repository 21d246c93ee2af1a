import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
} from "@aws-sdk/client-cloudformation";
import { defaultSpec, exampleSpec, renderTemplate } from "@stackyard/templates";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { DeployRequest } from "../driver";
import { AwsCloudFormationDriver } from "./driver";
import { changeSetParameters } from "./parameters";

const cfn = mockClient(CloudFormationClient);
beforeEach(() => cfn.reset());

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
