// The data tier: RDS MySQL in the private subnets. The master password is created and rotated by RDS in
// Secrets Manager (ManageMasterUserPassword), so no password exists in the template or its parameters.
import type { EnvironmentSpec } from "../spec/schema.js";
import {
  type CfnResource,
  getAtt,
  type NagSuppression,
  nagMetadata,
  type TemplateFragment,
  tags,
} from "./cfn.js";
import { ID } from "./ids.js";
import { privateSubnetRefs } from "./network.js";

/**
 * Set explicitly, never left to AWS's default (enrolled, i.e. billable, Extended Support):
 * - 8.0 is past RDS standard support (2026-07-31): with "-disabled" CreateDBInstance fails, so it must be
 *   enrolled, and the cost estimate shows the Extended Support charge;
 * - 8.4 is in standard support: "-disabled" means no Extended Support bill can ever start silently (at
 *   the end of 8.4's standard support RDS upgrades it instead, announced months ahead).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-enginelifecyclesupport
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html
 */
function engineLifecycleSupport(engineVersion: "8.0" | "8.4"): string {
  return engineVersion === "8.0"
    ? "open-source-rds-extended-support"
    : "open-source-rds-extended-support-disabled";
}

/**
 * The instance's own parameter group (the default one cannot be changed): the slow query log that
 * EnableCloudwatchLogsExports publishes is off in RDS's default group, so without this the exported
 * "slowquery" log stays empty; and connections without TLS are refused.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQL.LogFileSize.html
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html#mysql-ssl-connections.require-ssl
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbparametergroup.html
 */
const DB_PARAMETERS = {
  slow_query_log: "1",
  long_query_time: "1",
  log_output: "FILE",
  require_secure_transport: "1",
} as const;

/** Not secret: the password is the secret, and it lives in Secrets Manager. */
const DB_MASTER_USERNAME = "notes_admin";

export function databaseFragment(spec: EnvironmentSpec): TemplateFragment {
  const { database } = spec;
  const instance: CfnResource = {
    Type: "AWS::RDS::DBInstance",
    // The data outlives the stack: deleting or replacing the instance leaves a final snapshot.
    DeletionPolicy: "Snapshot",
    UpdateReplacePolicy: "Snapshot",
    Metadata: {
      ...nagMetadata(databaseSuppressions(spec)),
      // For AWS's CloudFormation validator (bundled in aws-cdk-lib), which lists full versions only.
      cfn_validate: {
        rules_to_acknowledge: [
          {
            id: "E9006",
            reason:
              "RDS takes a major version (8.0) and picks its current minor; a pinned minor would turn every automatic minor upgrade into drift that the next stack update tries to undo.",
          },
        ],
      },
    },
    Properties: {
      Engine: "mysql",
      EngineVersion: database.engineVersion,
      EngineLifecycleSupport: engineLifecycleSupport(database.engineVersion),
      DBInstanceClass: database.instanceClass,
      AllocatedStorage: String(database.allocatedStorageGb),
      StorageType: "gp3",
      StorageEncrypted: true,
      MultiAZ: database.multiAz,
      PubliclyAccessible: false,
      DBName: database.name,
      MasterUsername: DB_MASTER_USERNAME,
      ManageMasterUserPassword: true,
      BackupRetentionPeriod: database.backupRetentionDays,
      DeletionProtection: database.deletionProtection,
      CopyTagsToSnapshot: true,
      AutoMinorVersionUpgrade: true,
      EnableCloudwatchLogsExports: ["error", "slowquery"],
      DBSubnetGroupName: { Ref: ID.dbSubnetGroup },
      DBParameterGroupName: { Ref: ID.dbParameterGroup },
      VPCSecurityGroups: [getAtt(ID.dbSecurityGroup, "GroupId")],
      Tags: tags(spec.name, "db"),
    },
  };
  return {
    Resources: {
      [ID.dbSubnetGroup]: {
        Type: "AWS::RDS::DBSubnetGroup",
        Properties: {
          DBSubnetGroupDescription: `${spec.name}: private subnets for the notes database`,
          SubnetIds: privateSubnetRefs(spec),
          Tags: tags(spec.name, "db"),
        },
      },
      [ID.dbParameterGroup]: {
        Type: "AWS::RDS::DBParameterGroup",
        Properties: {
          Description: `${spec.name}: slow query log on, TLS required`,
          Family: `mysql${database.engineVersion}`,
          Parameters: { ...DB_PARAMETERS },
          Tags: tags(spec.name, "db"),
        },
      },
      [ID.dbInstance]: instance,
    },
  };
}

function databaseSuppressions(spec: EnvironmentSpec): NagSuppression[] {
  const suppressions: NagSuppression[] = [
    {
      id: "AwsSolutions-RDS11",
      reason:
        "The default port is not the protection: the database security group admits only the app tasks and the bastion.",
    },
  ];
  if (!spec.database.multiAz) {
    suppressions.push({
      id: "AwsSolutions-RDS3",
      reason:
        "database.multiAz is false in this environment's spec (a cost choice); Stackyard's checks warn about it.",
    });
  }
  if (!spec.database.deletionProtection) {
    suppressions.push({
      id: "AwsSolutions-RDS10",
      reason:
        "database.deletionProtection is false in this environment's spec; the Snapshot deletion policy still keeps the data.",
    });
  }
  return suppressions;
}
