// The portal identity's policy: what the portal's AWS driver calls itself. CloudFormation on this one stack
// (every change set is created with the bootstrap stack's service role as RoleARN, so CloudFormation, not
// the portal, creates the resources), iam:PassRole of exactly that role to CloudFormation, identity and
// template reads, and the image push the runbook asks for. Nothing here creates or changes a VPC, an
// instance, a database or a role.
import { BOOTSTRAP_STACK_NAME, cloudFormationServiceRoleArn } from "../bootstrap/names.js";
import type { CfnTemplate } from "../render/cfn.js";
import { hasType, ssmParameterArns } from "./derived.js";
import { repositoryArn } from "./grants.js";
import { driftDetectionStatements } from "./portal-drift.js";
import { healthReadStatements } from "./portal-health.js";
import { arn, inRegion, type PolicyScope } from "./scope.js";
import type { PolicyStatement } from "./statement.js";

/** The change sets the portal creates are named "stackyard-<client request token>". */
const PORTAL_CHANGE_SET_PREFIX = "stackyard-";

export function portalStatements(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  return [
    {
      Sid: "ShowWhichAccountAndIdentityThePortalDeploysAs",
      Effect: "Allow",
      // AWS requires Resource "*": GetCallerIdentity has no resource and needs no permission to succeed.
      Action: ["sts:GetCallerIdentity"],
      Resource: ["*"],
    },
    {
      Sid: "ValidateTemplatesBeforeLaunch",
      Effect: "Allow",
      // AWS requires Resource "*" for ValidateTemplate: it acts on a template body, not a stack.
      Action: ["cloudformation:ValidateTemplate"],
      Resource: ["*"],
    },
    {
      Sid: "LaunchUpdateFollowAndDeleteThisStackOnly",
      Effect: "Allow",
      Action: [
        // After UPDATE_ROLLBACK_FAILED, the dashboard's "Continue rollback".
        "cloudformation:ContinueUpdateRollback",
        "cloudformation:CreateChangeSet",
        "cloudformation:DeleteChangeSet",
        "cloudformation:DeleteStack",
        "cloudformation:DescribeChangeSet",
        "cloudformation:DescribeStackEvents",
        "cloudformation:DescribeStackResource",
        "cloudformation:DescribeStackResources",
        "cloudformation:DescribeStacks",
        "cloudformation:ExecuteChangeSet",
        "cloudformation:GetTemplate",
        "cloudformation:ListStackResources",
        // The ImagePushCommands output points the stack at a new image with update-stack (CloudFormation
        // keeps using the service role the stack was created with).
        "cloudformation:UpdateStack",
        "cloudformation:UpdateTerminationProtection",
      ],
      Resource: [
        arn(scope, "cloudformation", `stack/${scope.stackName}/*`),
        arn(scope, "cloudformation", `changeSet/${PORTAL_CHANGE_SET_PREFIX}*/*`),
      ],
    },
    {
      Sid: "CheckTheBootstrapStackIsDeployed",
      Effect: "Allow",
      Action: ["cloudformation:DescribeStacks"],
      Resource: [arn(scope, "cloudformation", `stack/${BOOTSTRAP_STACK_NAME}/*`)],
    },
    {
      Sid: "PassTheServiceRoleToCloudFormationOnly",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [cloudFormationServiceRoleArn(scope)],
      Condition: { StringEquals: { "iam:PassedToService": "cloudformation.amazonaws.com" } },
    },
    ...amiReads(scope, template),
    ...imagePushStatements(scope, template),
    ...secretRotation(scope, template),
    ...driftDetectionStatements(scope, template),
    ...healthReadStatements(scope, template),
    ...appLogReads(scope, template),
  ];
}

/**
 * The dashboard's log panel: history (FilterLogEvents), the live tail (StartLiveTail, with FilterLogEvents
 * polling where it is refused) and the task list (DescribeLogStreams), on this stack's log groups only
 * (CloudFormation names them "<stack name>-<logical id>-<suffix>").
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
 */
function appLogReads(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  if (!hasType(template, "AWS::Logs::LogGroup")) return [];
  return [
    {
      Sid: "ReadThisStacksAppLogs",
      Effect: "Allow",
      Action: ["logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:StartLiveTail"],
      Resource: [arn(scope, "logs", `log-group:${scope.stackName}-*`)],
    },
  ];
}

/**
 * "Rotate database password" on the dashboard: RotateSecret on the database's RDS-managed master secret,
 * whose name RDS chooses (rds!db-<id>), with the rotation RDS configured on it
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html).
 */
function secretRotation(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  if (!hasType(template, "AWS::RDS::DBInstance")) return [];
  return [
    {
      Sid: "RotateTheDatabasesManagedSecretNow",
      Effect: "Allow",
      Action: ["secretsmanager:RotateSecret"],
      Resource: [arn(scope, "secretsmanager", "secret:rds!db-*")],
    },
  ];
}

/** The SSM parameters the template resolves (Canonical's Ubuntu AMI), read when a change set is made. */
function amiReads(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  const parameters = ssmParameterArns(scope, template);
  if (parameters.length === 0) return [];
  return [
    {
      Sid: "ReadTheTemplatesSsmParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameter", "ssm:GetParameters"],
      Resource: parameters,
    },
  ];
}

/** What `docker push` to the stack's repository needs (the runbook's push step, not CloudFormation). */
function imagePushStatements(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  if (!hasType(template, "AWS::ECR::Repository")) return [];
  return [
    {
      Sid: "EcrLoginTokenForDockerPush",
      Effect: "Allow",
      // AWS requires Resource "*" for GetAuthorizationToken; the token alone grants nothing.
      Action: ["ecr:GetAuthorizationToken"],
      Resource: ["*"],
      Condition: inRegion(scope),
    },
    {
      Sid: "PushAppImagesToThisStacksRepository",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:CompleteLayerUpload",
        "ecr:DescribeImages",
        "ecr:GetDownloadUrlForLayer",
        "ecr:InitiateLayerUpload",
        "ecr:PutImage",
        "ecr:UploadLayerPart",
      ],
      Resource: [repositoryArn(scope)],
    },
  ];
}
