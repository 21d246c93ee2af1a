import { describe, expect, it } from "vitest";
import { lineDifferences } from "./line-diff.js";

const conf = ["events {}", "http {", "  server {", "    listen 80;", "  }", "}"].join("\n");

describe("lineDifferences", () => {
  it("finds nothing in equal texts", () => {
    expect(lineDifferences(conf, conf, "/Conf")).toEqual([]);
  });

  it("reports an edited line as NOT_EQUAL at its line of the expected text", () => {
    const edited = conf.replace("listen 80;", "listen 8080;");
    expect(lineDifferences(conf, edited, "/Conf")).toEqual([
      {
        propertyPath: "/Conf/line 4",
        expected: "    listen 80;",
        actual: "    listen 8080;",
        differenceType: "NOT_EQUAL",
      },
    ]);
  });

  it("reports an inserted line as ADD and a deleted one as REMOVE", () => {
    const inserted = conf.replace("    listen 80;", "    listen 80;\n    return 418;");
    expect(lineDifferences(conf, inserted, "/Conf")).toEqual([
      { propertyPath: "/Conf/line 5", expected: "", actual: "    return 418;", differenceType: "ADD" },
    ]);
    const deleted = conf.replace("    listen 80;\n", "");
    expect(lineDifferences(conf, deleted, "/Conf")).toEqual([
      { propertyPath: "/Conf/line 4", expected: "    listen 80;", actual: "", differenceType: "REMOVE" },
    ]);
  });
});
