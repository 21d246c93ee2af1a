import { describe, expect, test } from "vitest";
import { imagePushCommands, renderTemplate } from "../index.js";
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

describe("the bastion's motd command", () => {
  // `aws secretsmanager get-secret-value` needs secretsmanager:GetSecretValue on that secret:
  // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
  test("the bastion role may read the database secret, and only that", () => {
    const role = renderTemplate({}).template.Resources[ID.bastionRole] as CfnResource;
    const statements = (
      (role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
    ).flatMap((p) => p.PolicyDocument.Statement);
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: { "Fn::GetAtt": [ID.dbInstance, "MasterUserSecret.SecretArn"] },
    });
  });
});

describe("ImagePushCommands", () => {
  // The repository's tags are IMMUTABLE: pushing a tag that exists fails (ImageTagAlreadyExistsException).
  // https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
  test("tags each run anew (commit and time), so a re-run on the same commit still pushes", () => {
    const { template } = renderTemplate({});
    expect(template.Resources[ID.repository]?.Properties?.ImageTagMutability).toBe("IMMUTABLE");
    const output = JSON.stringify(template.Outputs.ImagePushCommands?.Value);
    expect(output).toContain("TAG=$(git rev-parse --short HEAD)-$(date -u +%Y%m%d%H%M%S)");
    const commands = imagePushCommands({ stackName: "s", region: "us-east-1", repositoryUri: "r/x" });
    expect(commands.join("\n")).toContain("r/x:$(git rev-parse --short HEAD)-$(date -u");
  });
});

// RDS rotates its managed master secret (every 7 days by default) and ECS injects secrets only at task
// start, so notes-api reads the secret itself (DB_SECRET_ARN) and again when MySQL refuses the password.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
describe("the database secret under rotation", () => {
  const { template } = renderTemplate({});
  const secretArn = { "Fn::GetAtt": [ID.dbInstance, "MasterUserSecret.SecretArn"] };
  const statementsOf = (id: string) =>
    (
      (template.Resources[id] as CfnResource).Properties?.Policies as
        | { PolicyDocument: { Statement: Statement[] } }[]
        | undefined
    )?.flatMap((p) => p.PolicyDocument.Statement) ?? [];

  test("the task role may read that one secret, and nothing else", () => {
    expect(statementsOf(ID.taskRole)).toEqual([
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn },
    ]);
  });

  test("the execution role no longer reads it: ECS injects no secret", () => {
    expect(JSON.stringify(statementsOf(ID.executionRole))).not.toContain("secretsmanager");
  });

  test("the container gets the secret's ARN, not its values frozen at start", () => {
    const taskDefinition = Object.values(template.Resources).find(
      (r) => (r as CfnResource).Type === "AWS::ECS::TaskDefinition",
    ) as CfnResource;
    const properties = taskDefinition.Properties as {
      ContainerDefinitions: { Environment: { Name: string; Value: unknown }[]; Secrets?: unknown }[];
    };
    const [container] = properties.ContainerDefinitions;
    expect(container?.Secrets).toBeUndefined();
    expect(container?.Environment).toContainEqual({ Name: "DB_SECRET_ARN", Value: secretArn });
    expect(container?.Environment.map((e) => e.Name)).not.toContain("DB_PASSWORD");
  });
});
