import { renderTemplate } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { tokenize, tokenizeJsonLine, tokenizeYamlLine } from "./highlight";

const kinds = (tokens: { kind: string; text: string }[]) => tokens.map((t) => [t.kind, t.text.trim()]);

describe("template highlighting", () => {
  it("colours YAML keys, tags, strings and numbers", () => {
    expect(kinds(tokenizeYamlLine("      VpcId: !Ref Vpc"))).toEqual([
      ["punct", ""],
      ["key", "VpcId"],
      ["punct", ":"],
      ["plain", ""],
      ["tag", "!Ref"],
      ["string", "Vpc"],
    ]);
    expect(kinds(tokenizeYamlLine("  - FromPort: 443"))).toContainEqual(["number", "443"]);
    expect(kinds(tokenizeYamlLine("    MultiAZ: true"))).toContainEqual(["literal", "true"]);
  });

  it("colours JSON keys apart from string values", () => {
    expect(kinds(tokenizeJsonLine('  "CidrBlock": "10.0.0.0/16",'))).toEqual([
      ["plain", ""],
      ["key", '"CidrBlock"'],
      ["punct", ":"],
      ["plain", ""],
      ["string", '"10.0.0.0/16"'],
      ["punct", ","],
    ]);
  });

  it("never changes the text: every rendered line reads back exactly", () => {
    const { yaml, json } = renderTemplate({
      edge: { domain: "notes.example.com", certbotEmail: "ops@example.com" },
    });
    for (const [text, language] of [
      [yaml, "yaml"],
      [json, "json"],
    ] as const) {
      const lines = tokenize(text, language).map((tokens) => tokens.map((t) => t.text).join(""));
      expect(lines.join("\n")).toBe(text.replace(/\n$/, ""));
    }
  });
});
