// IAM for the tasks. The execution role is what ECS uses to start a task (pull the image, write logs,
// read the database secret); the task role is what the app's own code may call: nothing.
import type { EnvironmentSpec } from "../spec/schema.js";
import { repositoryArn } from "./app-image.js";
import { type CfnResource, getAtt, nagMetadata, stackIamPath, type TemplateFragment, tags } from "./cfn.js";
import { ID } from "./ids.js";

const ecsTasksTrust = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
};

export const dbSecretArn = () => getAtt(ID.dbInstance, "MasterUserSecret.SecretArn");

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
      Description: "ECS task execution: pull the notes-api image, write its logs, read the database secret",
      Path: stackIamPath(),
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
                Resource: repositoryArn(),
              },
              {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: getAtt(ID.logGroup, "Arn"),
              },
              { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: dbSecretArn() },
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
      Description: "notes-api tasks: no AWS permissions (the app only talks to MySQL)",
      Path: stackIamPath(),
      AssumeRolePolicyDocument: ecsTasksTrust,
      Tags: tags(spec.name, "task"),
    },
  };
  return { Resources: { [ID.executionRole]: executionRole, [ID.taskRole]: taskRole } };
}
