import { describe, expect, it } from "vitest";
import { redactSecrets } from "./record";
import { specDiff } from "./spec-diff";

describe("specDiff", () => {
  it("lists every field of a launched spec as added", () => {
    expect(specDiff(undefined, { name: "a", database: { multiAz: true } })).toEqual([
      { path: "database.multiAz", after: true },
      { path: "name", after: "a" },
    ]);
  });

  it("names only the fields an update changes, with before and after", () => {
    const before = { name: "a", app: { desiredCount: 2, cpu: 256 }, subnets: ["x", "y"] };
    const after = { name: "a", app: { desiredCount: 3, cpu: 256 }, subnets: ["x"] };
    expect(specDiff(before, after)).toEqual([
      { path: "app.desiredCount", before: 2, after: 3 },
      { path: "subnets", before: ["x", "y"], after: ["x"] },
    ]);
  });

  it("records a removed field with its old value only", () => {
    expect(specDiff({ domain: "x.example" }, {})).toEqual([{ path: "domain", before: "x.example" }]);
  });
});

describe("redactSecrets", () => {
  it("hides values of keys that name a secret, at any depth", () => {
    expect(
      redactSecrets({ a: 1, db: { masterPassword: "hunter2", apiToken: "t" }, list: [{ secret: "s" }] }),
    ).toEqual({
      a: 1,
      db: { masterPassword: "[redacted]", apiToken: "[redacted]" },
      list: [{ secret: "[redacted]" }],
    });
  });
});
