import { describe, expect, test } from "vitest";
import { renderTemplate } from "../index.js";
import { ecrRepositoryArnOf } from "./app-iam.js";
import type { CfnResource } from "./cfn.js";
import { ID } from "./ids.js";

type Statement = { Action: string | string[]; Resource: unknown };
const pullResources = (input: object): unknown[] => {
  const role = renderTemplate(input).template.Resources[ID.executionRole] as CfnResource;
  const policies = role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[];
  const pull = policies[0]?.PolicyDocument.Statement.find(
    (s) => Array.isArray(s.Action) && s.Action.includes("ecr:BatchGetImage"),
  );
  return ([] as unknown[]).concat(pull?.Resource ?? []);
};

// The task execution role pulls the image: without ecr:BatchGetImage etc. on the image's repository the
// task stops with CannotPullContainerError.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html
describe("pulling an image from another ECR repository", () => {
  test("the execution role may pull from the repository app.image names", () => {
    const image = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/notes-api:1.4.2";
    expect(pullResources({ app: { image } })).toContainEqual(
      "arn:aws:ecr:eu-west-1:210987654321:repository/team/notes-api",
    );
    expect(pullResources({ app: { image } })).toContainEqual({ "Fn::GetAtt": [ID.repository, "Arn"] });
  });

  test("only the stack's own repository without an image or with a non-ECR image", () => {
    expect(pullResources({})).toEqual([{ "Fn::GetAtt": [ID.repository, "Arn"] }]);
    expect(pullResources({ app: { image: "public.ecr.aws/nginx/nginx:1.27" } })).toHaveLength(1);
  });

  test.each([
    [
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:abc",
      "arn:aws:ecr:us-east-1:123456789012:repository/notes-api",
    ],
    [
      `123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/a/b@sha256:${"a".repeat(64)}`,
      "arn:aws-cn:ecr:cn-north-1:123456789012:repository/a/b",
    ],
    ["docker.io/library/nginx:1.27", null],
  ])("%s → %s", (image, arn) => {
    expect(ecrRepositoryArnOf(image)).toBe(arn);
  });
});
