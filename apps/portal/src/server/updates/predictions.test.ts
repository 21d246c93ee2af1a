import type { ResourceChange } from "@stackyard/deploy";
import { resolveSpec } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { dataLossWarnings, withPredictions } from "./predictions";

const before = resolveSpec({ name: "notes-dev" });
const renamed = resolveSpec({ name: "notes-dev", database: { name: "notes_v2" } });
const modify = (
  logicalResourceId: string,
  resourceType: string,
  replacement?: ResourceChange["replacement"],
) => ({ action: "Modify", logicalResourceId, resourceType, replacement }) as ResourceChange;

describe("withPredictions", () => {
  it("says AWS replaces the database on a rename though the local sandbox modifies it in place", () => {
    const local = [modify("DbInstance", "AWS::RDS::DBInstance", "False")];
    const [db] = withPredictions(local, before, renamed, "local");
    expect(db).toMatchObject({
      replacement: "False",
      predictedReplacement: "True",
      replacementCauses: ["DBName"],
      changedProperties: ["DBName"],
    });
    expect(db?.disagreement).toBeUndefined();
    expect(db?.consequences.map((c) => c.kind)).toEqual(["data", "downtime", "dns"]);
  });

  it("adds what AWS would replace that the local sandbox has nothing to do for", () => {
    const planned = withPredictions([], before, renamed, "local");
    expect(planned.find((c) => c.logicalResourceId === "AppTaskDefinition")).toMatchObject({
      predictedOnly: true,
      predictedReplacement: "True",
    });
  });

  it("a replaced certbot nginx: certificate re-issued within Let's Encrypt's limit, the Elastic IP kept", () => {
    const edge = { domain: "notes.example.com", tls: "certbot" as const, certbotEmail: "ops@example.com" };
    const planned = withPredictions(
      [modify("NginxInstance", "AWS::EC2::Instance", "False"), modify("NginxEip", "AWS::EC2::EIP", "False")],
      resolveSpec({ name: "notes-dev", edge }),
      resolveSpec({ name: "notes-dev", edge: { ...edge, domain: "notes.example.org" } }),
      "local",
    );
    const [nginx, eip] = planned;
    expect(nginx).toMatchObject({
      predictedReplacement: "True",
      replacementCauses: ["NetworkInterfaces", "UserData"],
    });
    const texts = nginx?.consequences.map((c) => `${c.kind}: ${c.text}`).join("\n");
    expect(texts).toMatch(
      /certificate: certbot issues a new Let's Encrypt certificate .* 5 duplicate certificates per week/,
    );
    expect(texts).toMatch(/dns: It keeps its Elastic IP \(NginxEip\)/);
    expect(eip?.consequences).toEqual([{ kind: "dns", text: expect.stringMatching(/^Keeps its address/) }]);
  });

  it("on AWS, flags a change set that disagrees with the prediction", () => {
    const [db] = withPredictions(
      [modify("DbInstance", "AWS::RDS::DBInstance", "False")],
      before,
      renamed,
      "aws",
    );
    expect(db?.disagreement).toMatch(
      /change set says Replacement: False; the resource specification predicts True/,
    );
    const [agreed] = withPredictions(
      [modify("DbInstance", "AWS::RDS::DBInstance", "True")],
      before,
      renamed,
      "aws",
    );
    expect(agreed?.disagreement).toBeUndefined();
  });
});

describe("dataLossWarnings", () => {
  it("warns on both targets when AWS would replace the database", () => {
    for (const target of ["local", "aws"] as const) {
      const planned = withPredictions(
        [modify("DbInstance", "AWS::RDS::DBInstance", target === "aws" ? "True" : "False")],
        before,
        renamed,
        target,
      );
      expect(dataLossWarnings(planned, target)).toEqual([
        expect.stringMatching(/REPLACED \(DBName changes\)/),
      ]);
    }
  });

  it("stays empty for an in-place change, and warns on a removal", () => {
    const bigger = resolveSpec({ name: "notes-dev", database: { allocatedStorageGb: 40 } });
    const planned = withPredictions(
      [modify("DbInstance", "AWS::RDS::DBInstance", "False")],
      before,
      bigger,
      "local",
    );
    expect(dataLossWarnings(planned, "local")).toEqual([]);
    const removed = withPredictions(
      [{ action: "Remove", logicalResourceId: "DbInstance", resourceType: "AWS::RDS::DBInstance" }],
      before,
      before,
      "aws",
    );
    expect(dataLossWarnings(removed, "aws")).toEqual([expect.stringMatching(/deleted; a final snapshot/)]);
  });
});
