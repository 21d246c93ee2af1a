import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import { BrowserSession, inputValue, startTestApp, type TestApp } from "../testing/app.test-helpers.js";
import { queryScratch } from "../testing/db.test-helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("htmledit");
});
afterAll(async () => t?.close());

async function apiCreate(title: string, description: string): Promise<Note> {
  return (
    await t.app.inject({ method: "POST", url: "/api/notes", payload: { title, description } })
  ).json<Note>();
}
const apiGet = async (id: number) => (await t.app.inject({ url: `/api/notes/${id}` })).json<Note>();

describe("HTML UI: edit, toggle, delete", () => {
  it("edits a note through its form", async () => {
    const note = await apiCreate("Old title", "old text");
    const browser = new BrowserSession(t.app);
    const form = await browser.get(`/notes/${note.id}/edit`);
    expect(inputValue(form.body, "title")).toBe("Old title");
    expect(inputValue(form.body, "version")).toBe("1");
    const res = await browser.submit(`/notes/${note.id}/edit`, `/notes/${note.id}`, {
      title: "New title",
      description: "new text",
      version: "1",
    });
    expect(res.statusCode).toBe(303);
    expect(await apiGet(note.id)).toMatchObject({ title: "New title", description: "new text", version: 2 });
  });

  it("an invalid edit re-renders with the input kept and the error beside the field", async () => {
    const note = await apiCreate("Keep", "me");
    const browser = new BrowserSession(t.app);
    const res = await browser.submit(`/notes/${note.id}/edit`, `/notes/${note.id}`, {
      title: "",
      description: "edited description",
      version: "1",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="title-error">Title is required</div>');
    expect(inputValue(res.body, "description")).toBe("edited description");
    expect(await apiGet(note.id)).toMatchObject({ title: "Keep", version: 1 });
  });

  it("a stale edit gets a 409 page with the user's text kept and the current text shown", async () => {
    const note = await apiCreate("Shared", "original");
    const browser = new BrowserSession(t.app);
    const form = await browser.get(`/notes/${note.id}/edit`);
    // Someone else saves first.
    await t.app.inject({
      method: "PUT",
      url: `/api/notes/${note.id}`,
      payload: { title: "Their title", description: "their text", version: 1 },
    });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    const res = await browser.post(`/notes/${note.id}`, {
      _csrf: token,
      title: "My title",
      description: "my text",
      version: "1",
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Someone else changed this note");
    expect(res.body).toContain("<strong>Their title</strong>: their text");
    expect(inputValue(res.body, "title")).toBe("My title");
    expect(inputValue(res.body, "description")).toBe("my text");
    expect(inputValue(res.body, "version")).toBe("2");
    expect(await apiGet(note.id)).toMatchObject({ title: "Their title" });
    // Saving again from the conflict page is a deliberate overwrite, and works.
    const again = await browser.post(`/notes/${note.id}`, {
      _csrf: token,
      title: "My title",
      description: "my text",
      version: "2",
    });
    expect(again.statusCode).toBe(303);
    expect(await apiGet(note.id)).toMatchObject({ title: "My title", version: 3 });
  });

  it("toggles done with a POST and shows it", async () => {
    const note = await apiCreate("Toggle", "via the page");
    const browser = new BrowserSession(t.app);
    const res = await browser.submit("/", `/notes/${note.id}/toggle`, {});
    expect(res.statusCode).toBe(303);
    expect((await apiGet(note.id)).done).toBe(true);
    const list = await browser.get("/");
    expect(list.body).toMatch(new RegExp(`<li class="note done" id="note-${note.id}">`));
    expect(list.body).toContain("Mark open");
  });

  it("asks for confirmation before deleting, and deletes only on the POST", async () => {
    const note = await apiCreate("Doomed", "note");
    const browser = new BrowserSession(t.app);
    const confirm = await browser.get(`/notes/${note.id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Delete this note?");
    expect((await t.app.inject({ url: `/api/notes/${note.id}` })).statusCode).toBe(200);
    const res = await browser.submit(`/notes/${note.id}/delete`, `/notes/${note.id}/delete`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/?deleted=1");
    expect((await t.app.inject({ url: `/api/notes/${note.id}` })).statusCode).toBe(404);
  });

  it("changes nothing on GET: the seed's GET links for delete/toggle no longer act", async () => {
    const note = await apiCreate("Safe", "from prefetch");
    for (const url of [`/notes/${note.id}/toggle`, `/delete/${note.id}`, `/turn/${note.id}`]) {
      expect((await t.app.inject({ url })).statusCode).toBe(404);
    }
    expect(await apiGet(note.id)).toMatchObject({ done: false, version: 1 });
  });

  it("shows 404 pages for notes that do not exist", async () => {
    const browser = new BrowserSession(t.app);
    for (const url of ["/notes/987654/edit", "/notes/987654/delete"]) {
      const res = await browser.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("Note 987654 does not exist");
    }
    expect((await browser.submit("/", "/notes/987654/toggle", {})).statusCode).toBe(404);
  });
});

describe("HTML UI: list", () => {
  it("pages 50 at a time, newest first, with a link to older notes", async () => {
    const values = Array.from({ length: 60 }, (_, i) => [`bulk ${String(i + 1).padStart(2, "0")}`, "x"]);
    await queryScratch(t.scratch, "INSERT INTO notes (title, description) VALUES ?", [values]);
    const browser = new BrowserSession(t.app);
    const first = await browser.get("/");
    expect(first.body.match(/<li class="note /g)).toHaveLength(50);
    expect(first.body.indexOf("bulk 60")).toBeLessThan(first.body.indexOf("bulk 59"));
    const older = /href="(\/\?cursor=[^"]+)" rel="next"/.exec(first.body)?.[1];
    expect(older).toBeDefined();
    const second = await browser.get(older ?? "");
    expect(second.body).toContain("bulk 10");
    expect(second.body).not.toContain("bulk 11<");
    expect(second.body).toMatch(/<a href="\/">.*Newest notes<\/a>/);
  });

  it("a tampered page link is a 400 page, not a crash", async () => {
    const res = await new BrowserSession(t.app).get("/?cursor=%27%20OR%201%3D1");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("That page link is not valid");
  });
});
