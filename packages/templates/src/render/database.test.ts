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
