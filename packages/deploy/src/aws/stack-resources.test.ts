// ListStackResources pages by NextToken and is throttled like any CloudFormation call
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html: Throttling).
import { CloudFormationClient, ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { listStackResources, physicalIdOf } from "./stack-resources.js";

const cfn = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: "us-east-1" });
const instant = { sleep: async () => {}, random: () => 0 };
const throttled = () => Object.assign(new Error("Rate exceeded"), { name: "Throttling" });

beforeEach(() => cfn.reset());

describe("listStackResources", () => {
  it("reads every page, retrying a throttled call, and names each resource's physical id", async () => {
    cfn
      .on(ListStackResourcesCommand, { StackName: "notes-prod", NextToken: undefined })
      .resolves({
        StackResourceSummaries: [
          {
            LogicalResourceId: "AppCluster",
            ResourceType: "AWS::ECS::Cluster",
            PhysicalResourceId: "notes-prod-AppCluster-x1",
            ResourceStatus: "CREATE_COMPLETE",
            LastUpdatedTimestamp: new Date(),
          },
        ],
        NextToken: "page-2",
      })
      .on(ListStackResourcesCommand, { StackName: "notes-prod", NextToken: "page-2" })
      .rejectsOnce(throttled())
      .resolves({
        StackResourceSummaries: [
          {
            LogicalResourceId: "DbInstance",
            ResourceType: "AWS::RDS::DBInstance",
            PhysicalResourceId: "notes-prod-dbinstance-abc",
            ResourceStatus: "CREATE_COMPLETE",
            LastUpdatedTimestamp: new Date(),
          },
          {
            LogicalResourceId: "NginxInstance",
            ResourceType: "AWS::EC2::Instance",
            ResourceStatus: "CREATE_IN_PROGRESS",
            LastUpdatedTimestamp: new Date(),
          },
        ],
      });
    const resources = await listStackResources(client, "notes-prod", instant);
    expect(resources.map((r) => r.logicalId)).toEqual(["AppCluster", "DbInstance", "NginxInstance"]);
    expect(cfn.commandCalls(ListStackResourcesCommand)).toHaveLength(3);
    expect(physicalIdOf(resources, "AWS::RDS::DBInstance")).toBe("notes-prod-dbinstance-abc");
    // Still being created: no physical id yet.
    expect(physicalIdOf(resources, "AWS::EC2::Instance", "NginxInstance")).toBeUndefined();
  });

  it("gives up on a call still throttled after the retries, with AWS's error", async () => {
    cfn.on(ListStackResourcesCommand).rejects(throttled());
    await expect(listStackResources(client, "notes-prod", { ...instant, retries: 2 })).rejects.toThrow(
      "Rate exceeded",
    );
    expect(cfn.commandCalls(ListStackResourcesCommand)).toHaveLength(3);
  });
});
