// Issue 13, item 5: `next` after sign-in must never leave the portal, nor make the page a 500.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./page-access";

const ORIGIN = "http://127.0.0.1:3000";

/** Where a browser ends up for a Location of `path` on the portal (it drops tabs and newlines). */
function browserLands(path: string): string {
  return new URL(path.replace(/[\t\n\r]/g, ""), ORIGIN).origin;
}

describe("safeNextPath", () => {
  it("keeps the portal's own paths, with their query and fragment", () => {
    expect(safeNextPath("/environments/new?x=1#top", ORIGIN)).toBe("/environments/new?x=1#top");
    expect(safeNextPath("/admin/audit", ORIGIN)).toBe("/admin/audit");
  });

  it("never sends the browser off-site (the issue's tab trick and its relatives)", () => {
    for (const next of [
      "/\t/127.0.0.1:8765/x",
      "/\n/evil.example",
      "/\\evil.example",
      "/\\\\evil.example",
      "//evil.example",
      "/.//evil.example",
      "/./\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      " /x",
    ]) {
      const safe = safeNextPath(next, ORIGIN);
      expect(browserLands(safe), JSON.stringify(next)).toBe(ORIGIN);
      expect(safe.startsWith("//"), JSON.stringify(next)).toBe(false);
    }
  });

  it("refuses control characters, which would otherwise reach the Location header (a 500)", () => {
    for (const next of ["/x\ny", "/x\r\nSet-Cookie: a=b", "/a\u0000", "/a\u007f"]) {
      expect(safeNextPath(next, ORIGIN)).toBe("/");
    }
  });

  it("falls back to / for a missing or repeated parameter", () => {
    expect(safeNextPath(undefined, ORIGIN)).toBe("/");
    expect(safeNextPath(["/a", "/b"], ORIGIN)).toBe("/");
  });
});
