import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import { startTestApp, type TestApp } from "../testing/app.test-helpers.js";
import { queryScratch } from "../testing/db.test-helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("list");
  const values = Array.from({ length: 45 }, (_, i) => [`note ${i + 1}`, `description ${i + 1}`]);
  await queryScratch(t.scratch, "INSERT INTO notes (title, description) VALUES ?", [values]);
});
afterAll(async () => t?.close());

interface Page {
  notes: Note[];
  nextCursor: string | null;
}

describe("JSON API: list with cursor pagination", () => {
  it("walks every note newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/notes?limit=20${cursor ? `&cursor=${cursor}` : ""}`;
      const page: Page = (await t.app.inject({ url })).json<Page>();
      seen.push(...page.notes.map((n) => n.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `note ${45 - i}`));
  });

  it("defaults to 20 and says when there is no next page", async () => {
    expect((await t.app.inject({ url: "/api/notes" })).json<Page>().notes).toHaveLength(20);
    const all = (await t.app.inject({ url: "/api/notes?limit=100" })).json<Page>();
    expect(all.notes).toHaveLength(45);
    expect(all.nextCursor).toBeNull();
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["cursor=bm90LW91cnM", "cursor"],
    ["cursor=' OR 1=1 --", "cursor"],
  ])("rejects %s with 400 naming the %s field", async (query, field) => {
    const res = await t.app.inject({ url: `/api/notes?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, field });
  });
});
