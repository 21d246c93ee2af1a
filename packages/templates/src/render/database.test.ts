import { describe, expect, test } from "vitest";
import { renderTemplate } from "../index.js";
import { ID } from "./ids.js";

const dbProperties = (input: object) =>
  renderTemplate(input).template.Resources[ID.dbInstance]?.Properties ?? {};

describe("database engine lifecycle", () => {
  // RDS for MySQL 8.0 reached the end of standard support on 2026-07-31; an instance created on it is
  // enrolled in (and billed for) RDS Extended Support:
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html
  test("a new environment runs MySQL 8.4", () => {
    expect(dbProperties({}).EngineVersion).toBe("8.4");
  });

  // EngineLifecycleSupport: "open-source-rds-extended-support" (AWS's default when left out) or
  // "-disabled"; with "-disabled" creating a DB instance on a version past standard support fails.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-enginelifecyclesupport
  // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
  test("EngineLifecycleSupport is always set, never left to AWS's billable default", () => {
    expect(dbProperties({}).EngineLifecycleSupport).toBe("open-source-rds-extended-support-disabled");
    expect(dbProperties({ database: { engineVersion: "8.0" } }).EngineLifecycleSupport).toBe(
      "open-source-rds-extended-support",
    );
  });
});

describe("the database parameter group", () => {
  // The slow query log is off in RDS's default parameter group; exporting it publishes an empty log.
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQL.LogFileSize.html
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html#mysql-ssl-connections.require-ssl
  test.each(["8.0", "8.4"] as const)(
    "MySQL %s: slow query log on, TLS required, the family of the engine",
    (v) => {
      const { template } = renderTemplate({ database: { engineVersion: v } });
      const group = template.Resources[ID.dbParameterGroup];
      expect(group?.Type).toBe("AWS::RDS::DBParameterGroup");
      expect(group?.Properties?.Family).toBe(`mysql${v}`);
      expect(group?.Properties?.Parameters).toMatchObject({
        slow_query_log: "1",
        require_secure_transport: "1",
      });
      const db = template.Resources[ID.dbInstance]?.Properties ?? {};
      expect(db.DBParameterGroupName).toEqual({ Ref: ID.dbParameterGroup });
      expect(db.EnableCloudwatchLogsExports).toContain("slowquery");
    },
  );
});
