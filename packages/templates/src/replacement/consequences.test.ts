import { describe, expect, it } from "vitest";
import { renderTemplate } from "../render/template.js";
import { changeConsequences } from "./consequences.js";
import { predictTemplateChanges } from "./predict.js";

const certbot = {
  name: "notes-prod",
  edge: { domain: "notes.example.com", tls: "certbot" as const, certbotEmail: "ops@example.com" },
};

function consequencesOf(edit: object, logicalId: string) {
  const before = renderTemplate(certbot);
  const after = renderTemplate({ ...certbot, ...edit });
  const change = predictTemplateChanges(before.template, after.template).find(
    (c) => c.logicalResourceId === logicalId,
  );
  if (!change) throw new Error(`${logicalId} does not change`);
  return changeConsequences(change, { spec: after.spec, template: after.template });
}

describe("changeConsequences", () => {
  it("a renamed database: data only in the snapshot, downtime, a new endpoint", () => {
    const kinds = consequencesOf({ database: { name: "notes_v2" } }, "DbInstance").map((c) => c.kind);
    expect(kinds).toEqual(["data", "downtime", "dns"]);
  });

  it("a replaced nginx in certbot mode keeps its Elastic IP and warns about Let's Encrypt's limit", () => {
    const texts = consequencesOf(
      { edge: { ...certbot.edge, domain: "notes.example.org" } },
      "NginxInstance",
    ).map((c) => c.text);
    expect(texts.join("\n")).toMatch(/keeps its Elastic IP \(NginxEip\)/);
    expect(texts.join("\n")).toMatch(/new Let's Encrypt certificate for notes\.example\.org.*5 duplicate/s);
  });

  it("a replaced nginx serving plain HTTP issues no certificate", () => {
    const kinds = consequencesOf({ edge: { domain: "notes.example.com", tls: "none" } }, "NginxInstance").map(
      (c) => c.kind,
    );
    expect(kinds).toEqual(["downtime", "dns"]);
  });

  it("an instance class change costs nothing beyond AWS's own reboot", () => {
    expect(consequencesOf({ database: { instanceClass: "db.t3.small" } }, "DbInstance")).toEqual([]);
  });
});
