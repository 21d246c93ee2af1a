import { expect, test } from "vitest";
import { DuplicateLogicalIdError, mergeFragments } from "./merge.js";

const head = { Description: "test", Metadata: {} };

test("two modules defining the same logical ID is an error, not a silent overwrite", () => {
  const vpc = { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } };
  expect(() => mergeFragments(head, [{ Resources: { Vpc: vpc } }, { Resources: { Vpc: vpc } }])).toThrow(
    DuplicateLogicalIdError,
  );
});

test("a parameter and a resource cannot share a name either (Ref would be ambiguous)", () => {
  expect(() =>
    mergeFragments(head, [
      { Parameters: { AppImage: { Type: "String", Description: "image" } } },
      { Resources: { AppImage: { Type: "AWS::ECR::Repository" } } },
    ]),
  ).toThrow(/duplicate Resources entry "AppImage"/);
});

test("an output may share its name with a resource, as CloudFormation allows", () => {
  const template = mergeFragments(head, [
    { Resources: { VpcId: { Type: "AWS::EC2::VPC" } } },
    { Outputs: { VpcId: { Description: "the VPC", Value: { Ref: "VpcId" } } } },
  ]);
  expect(Object.keys(template.Outputs)).toEqual(["VpcId"]);
});
