// VPC flow logs to CloudWatch Logs: the record of who talked to what, for incident review.
import type { EnvironmentSpec } from "../spec/schema.js";
import { getAtt, ref, stackIamPath, type TemplateFragment, tags } from "./cfn.js";
import { ID } from "./ids.js";
import { permissionsBoundary } from "./permissions-boundary.js";

const FLOW_LOG_RETENTION_DAYS = 90;

export function flowLogsFragment(spec: EnvironmentSpec): TemplateFragment {
  return {
    Resources: {
      [ID.flowLogGroup]: {
        Type: "AWS::Logs::LogGroup",
        Properties: { RetentionInDays: FLOW_LOG_RETENTION_DAYS, Tags: tags(spec.name, "flow-logs") },
      },
      [ID.flowLogRole]: {
        Type: "AWS::IAM::Role",
        Properties: {
          Path: stackIamPath(),
          PermissionsBoundary: permissionsBoundary(),
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                // Only flow logs of this account may use the role (confused-deputy protection).
                Condition: { StringEquals: { "aws:SourceAccount": ref("AWS::AccountId") } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: "write-flow-logs",
              PolicyDocument: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    // The log group ARN attribute already ends in ":*", covering its streams.
                    Resource: getAtt(ID.flowLogGroup, "Arn"),
                  },
                ],
              },
            },
          ],
          Tags: tags(spec.name, "flow-logs"),
        },
      },
      [ID.flowLog]: {
        Type: "AWS::EC2::FlowLog",
        Properties: {
          ResourceId: ref(ID.vpc),
          ResourceType: "VPC",
          TrafficType: "ALL",
          LogDestinationType: "cloud-watch-logs",
          LogGroupName: ref(ID.flowLogGroup),
          DeliverLogsPermissionArn: getAtt(ID.flowLogRole, "Arn"),
          Tags: tags(spec.name, "flow-logs"),
        },
      },
    },
  };
}
