import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import { startTestApp, type TestApp } from "../testing/app.test-helpers.js";
import { queryScratch } from "../testing/db.test-helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("api");
});
afterAll(async () => t?.close());

async function create(title: string, description: string): Promise<Note> {
  const res = await t.app.inject({ method: "POST", url: "/api/notes", payload: { title, description } });
  expect(res.statusCode).toBe(201);
  return res.json<Note>();
}

describe("JSON API: CRUD", () => {
  it("creates a note and can read it back", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      payload: { title: "Buy milk", description: "2 litres" },
    });
    expect(res.statusCode).toBe(201);
    const note = res.json<Note>();
    expect(note).toMatchObject({ title: "Buy milk", description: "2 litres", done: false, version: 1 });
    expect(res.headers.location).toBe(`/api/notes/${note.id}`);
    const got = await t.app.inject({ url: `/api/notes/${note.id}` });
    expect(got.json()).toEqual(note);
  });

  it("answers a create with exactly the row it stored (written in one round trip, not read back)", async () => {
    const before = Date.now();
    const note = await create("Ünïcödé 🎉 notes", "emoji 👩‍💻, quotes \" ' and a tab\there");
    expect(note.id).toEqual(expect.any(Number));
    expect(Date.parse(note.createdAt)).toBeGreaterThanOrEqual(before - 1);
    expect(note.updatedAt).toBe(note.createdAt);
    expect((await t.app.inject({ url: `/api/notes/${note.id}` })).json()).toEqual(note);
  });

  it("stores SQL and HTML injection strings literally", async () => {
    const title = "'); DROP TABLE notes; --";
    const description = `<img src=x onerror="alert(1)"> " OR 1=1 #`;
    const note = await create(title, description);
    expect((await t.app.inject({ url: `/api/notes/${note.id}` })).json()).toMatchObject({
      title,
      description,
    });
    const rows = await queryScratch<{ title: string }>(t.scratch, "SELECT title FROM notes WHERE id = ?", [
      note.id,
    ]);
    expect(rows[0]?.title).toBe(title);
  });

  it("updates with the version the client saw", async () => {
    const note = await create("draft", "v1");
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/notes/${note.id}`,
      payload: { title: "final", description: "v2", version: note.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: "final", description: "v2", version: note.version + 1 });
  });

  it("two clients updating the same note: one wins, the other gets 409 and its text back", async () => {
    const note = await create("shared", "original");
    const [a, b] = await Promise.all(
      ["Alice's edit", "Bob's edit"].map((title) =>
        t.app.inject({
          method: "PUT",
          url: `/api/notes/${note.id}`,
          payload: { title, description: `by ${title}`, version: note.version },
        }),
      ),
    );
    const statuses = [a?.statusCode, b?.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    const winner = a?.statusCode === 200 ? a : b;
    const body = loser?.json();
    expect(body.message).toMatch(/changed/);
    expect(body.current).toEqual(winner?.json());
    expect(body.yours.title).not.toBe(body.current.title);
    expect(body.yours).toMatchObject({ description: `by ${body.yours.title}`, version: note.version });
    const stored = (await t.app.inject({ url: `/api/notes/${note.id}` })).json<Note>();
    expect(stored.title).toBe(winner?.json().title);
  });

  it("deletes, then answers 404 for that note", async () => {
    const note = await create("temporary", "delete me");
    expect((await t.app.inject({ method: "DELETE", url: `/api/notes/${note.id}` })).statusCode).toBe(204);
    const gone = await t.app.inject({ url: `/api/notes/${note.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe(`Note ${note.id} does not exist`);
    expect((await t.app.inject({ method: "DELETE", url: `/api/notes/${note.id}` })).statusCode).toBe(404);
    const update = await t.app.inject({
      method: "PUT",
      url: `/api/notes/${note.id}`,
      payload: { title: "x", description: "y", version: 1 },
    });
    expect(update.statusCode).toBe(404);
  });
});

describe("JSON API: toggle", () => {
  it("flips done and bumps the version", async () => {
    const note = await create("toggle me", "once");
    const res = await t.app.inject({ method: "POST", url: `/api/notes/${note.id}/toggle`, payload: {} });
    expect(res.json()).toMatchObject({ done: true, version: 2 });
    const again = await t.app.inject({
      method: "POST",
      url: `/api/notes/${note.id}/toggle`,
      headers: { "content-type": "application/json; charset=utf-8" },
      payload: "{}",
    });
    expect(again.json()).toMatchObject({ done: false, version: 3 });
  });

  it("100 concurrent toggles on one note leave the right final state", async () => {
    const note = await create("busy", "toggled a lot");
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        t.app.inject({ method: "POST", url: `/api/notes/${note.id}/toggle`, payload: {} }),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    // Each toggle saw a distinct version, so none read a stale state and wrote it back.
    const versions = new Set(results.map((r) => r.json<Note>().version));
    expect(versions.size).toBe(100);
    const final = (await t.app.inject({ url: `/api/notes/${note.id}` })).json<Note>();
    expect(final).toMatchObject({ done: false, version: 101 });
  });

  it("answers 404 for a note that does not exist", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/notes/999999/toggle", payload: {} });
    expect(res.statusCode).toBe(404);
  });
});
