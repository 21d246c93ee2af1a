import { describe, expect, it } from "vitest";
import { fieldErrors, formUpdateInput, listQuery, noteInput } from "./notes-schema.js";

function errors(result: { success: boolean; error?: unknown }) {
  return result.success ? [] : fieldErrors(result.error as never);
}

describe("note rules", () => {
  it("accepts the seed's limits exactly, counting characters not bytes", () => {
    const title = `${"é".repeat(63)}😀`; // 64 characters, 65 UTF-16 units
    expect(noteInput.safeParse({ title, description: "d".repeat(120) }).success).toBe(true);
  });

  it("names the field that is too long or missing", () => {
    expect(errors(noteInput.safeParse({ title: "t".repeat(65), description: "ok" }))).toEqual([
      { field: "title", message: "Title must be at most 64 characters" },
    ]);
    expect(errors(noteInput.safeParse({ title: "ok", description: "   " }))).toEqual([
      { field: "description", message: "Description is required" },
    ]);
    expect(errors(noteInput.safeParse({})).map((e) => e.field)).toEqual(["title", "description"]);
  });

  it("trims what people type", () => {
    expect(noteInput.parse({ title: "  a  ", description: " b" })).toEqual({ title: "a", description: "b" });
  });

  it("requires the version a form was rendered with", () => {
    expect(errors(formUpdateInput.safeParse({ title: "a", description: "b" })).map((e) => e.field)).toEqual([
      "version",
    ]);
    expect(formUpdateInput.parse({ title: "a", description: "b", version: "3" }).version).toBe(3);
  });

  it("bounds the page size", () => {
    expect(listQuery.parse({}).limit).toBe(20);
    expect(errors(listQuery.safeParse({ limit: "1000" }))[0]?.field).toBe("limit");
    expect(errors(listQuery.safeParse({ limit: "-1" }))[0]?.field).toBe("limit");
  });
});
