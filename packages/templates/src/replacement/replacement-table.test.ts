// The committed table must be exactly what the official resource specification says for every resource
// type we render, so a spec-package upgrade or a new resource type cannot leave a stale prediction.
import { describe, expect, it } from "vitest";
import {
  renderedResourceTypes,
  serviceSpecReplacementTable,
} from "../testing/replacement-table.test-helpers.js";
import { REPLACEMENT_TABLE, replacementBehaviour } from "./table.js";

describe("the committed replacement table", () => {
  it("covers exactly the resource types the renderer emits", () => {
    expect(Object.keys(REPLACEMENT_TABLE).sort()).toEqual(renderedResourceTypes());
  });

  it("equals @aws-cdk/aws-service-spec's causesReplacement (regenerate: npx tsx scripts/replacement-table.ts)", () => {
    expect(REPLACEMENT_TABLE).toEqual(serviceSpecReplacementTable());
  });

  it("says what AWS documents for properties we rely on", () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html
    // DBName: "Update requires: Replacement"; MultiAZ: "Some interruptions" (maybe: with a restore, replacement);
    // DBInstanceClass and AllocatedStorage: no replacement.
    expect(replacementBehaviour("AWS::RDS::DBInstance", "DBName")).toBe("yes");
    expect(replacementBehaviour("AWS::RDS::DBInstance", "MultiAZ")).toBe("maybe");
    expect(replacementBehaviour("AWS::RDS::DBInstance", "DBInstanceClass")).toBe("no");
    expect(replacementBehaviour("AWS::RDS::DBInstance", "AllocatedStorage")).toBe("no");
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet.html CidrBlock: Replacement
    expect(replacementBehaviour("AWS::EC2::Subnet", "CidrBlock")).toBe("yes");
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html DesiredCount: No interruption
    expect(replacementBehaviour("AWS::ECS::Service", "DesiredCount")).toBe("no");
    expect(replacementBehaviour("AWS::EC2::Nothing", "CidrBlock")).toBeUndefined();
  });
});
