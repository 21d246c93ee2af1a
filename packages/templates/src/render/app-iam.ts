// IAM for the tasks. The execution role is what ECS uses to start a task (pull the image, write logs); the
// task role is what the app's own code may call: GetSecretValue on the database secret, nothing else.
import type { EnvironmentSpec } from "../spec/schema.js";
import { repositoryArn } from "./app-image.js";
import {
  type CfnResource,
  getAtt,
  type Json,
  nagMetadata,
  stackIamPath,
  type TemplateFragment,
  tags,
} from "./cfn.js";
import { ID } from "./ids.js";
import { permissionsBoundary } from "./permissions-boundary.js";

const ecsTasksTrust = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
};

export const dbSecretArn = () => getAtt(ID.dbInstance, "MasterUserSecret.SecretArn");

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([a-z0-9][a-z0-9._/-]*?)(:[A-Za-z0-9_][A-Za-z0-9._-]*)?(@sha256:[a-f0-9]{64})?$/;

/**
 * The ARN of the private ECR repository an image URI names, or null for any other registry. The execution
 * role pulls the task's image: one from an ECR repository other than this stack's needs that repository
 * in its policy too, or every task fails with CannotPullContainerError and the circuit breaker rolls the
 * deployment back. (A repository in another account must also allow this role in its repository policy.)
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html
 */
export function ecrRepositoryArnOf(image: string): string | null {
  const match = ECR_IMAGE.exec(image);
  if (!match) return null;
  const [, account, , region, china, repository] = match;
  const partition = china ? "aws-cn" : region?.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  return `arn:${partition}:ecr:${region}:${account}:repository/${repository}`;
}

function pullableRepositories(spec: EnvironmentSpec): Json {
  const external = spec.app.image ? ecrRepositoryArnOf(spec.app.image) : null;
  return external ? [repositoryArn(), external] : repositoryArn();
}

export function appIamFragment(spec: EnvironmentSpec): TemplateFragment {
  const executionRole: CfnResource = {
    Type: "AWS::IAM::Role",
    Metadata: nagMetadata([
      {
        id: "AwsSolutions-IAM5",
        reason:
          "ecr:GetAuthorizationToken has no resource-level permissions: AWS requires Resource * for it.",
        appliesTo: ["Resource::*"],
      },
    ]),
    Properties: {
      Description: "ECS task execution: pull the notes-api image, write its logs",
      Path: stackIamPath(),
      PermissionsBoundary: permissionsBoundary(),
      AssumeRolePolicyDocument: ecsTasksTrust,
      Policies: [
        {
          PolicyName: "start-notes-api-tasks",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
              {
                Effect: "Allow",
                Action: [
                  "ecr:BatchCheckLayerAvailability",
                  "ecr:GetDownloadUrlForLayer",
                  "ecr:BatchGetImage",
                ],
                Resource: pullableRepositories(spec),
              },
              {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: getAtt(ID.logGroup, "Arn"),
              },
            ],
          },
        },
      ],
      Tags: tags(spec.name, "task-execution"),
    },
  };
  const taskRole: CfnResource = {
    Type: "AWS::IAM::Role",
    Properties: {
      Description: "notes-api tasks: read the database secret (again after each rotation), nothing else",
      Path: stackIamPath(),
      PermissionsBoundary: permissionsBoundary(),
      AssumeRolePolicyDocument: ecsTasksTrust,
      // notes-api reads the RDS-managed secret itself (DB_SECRET_ARN), so a rotation reaches running tasks.
      // https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html
      Policies: [
        {
          PolicyName: "read-database-secret",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: dbSecretArn() },
            ],
          },
        },
      ],
      Tags: tags(spec.name, "task"),
    },
  };
  return { Resources: { [ID.executionRole]: executionRole, [ID.taskRole]: taskRole } };
}
