// The warnings an update review shows before it replaces or removes the database.
import { describe, expect, it } from "vitest";
import { dataLossWarnings } from "./data-loss.js";

describe("dataLossWarnings", () => {
  it("warns loudly when the database is replaced, and not for other replacements", () => {
    const warnings = dataLossWarnings([
      {
        action: "Modify",
        logicalResourceId: "DbInstance",
        resourceType: "AWS::RDS::DBInstance",
        replacement: "True",
      },
      {
        action: "Modify",
        logicalResourceId: "NginxInstance",
        resourceType: "AWS::EC2::Instance",
        replacement: "True",
      },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^DbInstance \(the database\) will be REPLACED/)]);
  });

  it("says nothing for an in-place database change", () => {
    expect(
      dataLossWarnings([
        {
          action: "Modify",
          logicalResourceId: "DbInstance",
          resourceType: "AWS::RDS::DBInstance",
          replacement: "False",
        },
      ]),
    ).toEqual([]);
  });
});
