import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("cursor", () => {
  it("round-trips the id it encodes", () => {
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
  });

  it.each([
    "",
    "abc",
    Buffer.from("n:0").toString("base64url"),
    Buffer.from("n:1 OR 1=1").toString("base64url"),
  ])("rejects a cursor it did not issue: %s", (cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
