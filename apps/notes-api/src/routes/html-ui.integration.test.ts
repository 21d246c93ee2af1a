// The UI's newer behaviour: editing in place, returning to the page a form came from, undoing a delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import { BrowserSession, inputValue, startTestApp, type TestApp } from "../testing/app.test-helpers.js";
import { queryScratch } from "../testing/db.test-helpers.js";
import { UNDO_COOKIE } from "./undo-delete.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("htmlui");
});
afterAll(async () => t?.close());

async function apiCreate(title: string, description: string): Promise<Note> {
  return (
    await t.app.inject({ method: "POST", url: "/api/notes", payload: { title, description } })
  ).json<Note>();
}
const apiGet = async (id: number) => (await t.app.inject({ url: `/api/notes/${id}` })).json<Note>();

describe("editing in place", () => {
  it("?edit=ID renders that note as a focused form in the list, without the add form", async () => {
    const note = await apiCreate("Inline", "edit me here");
    const browser = new BrowserSession(t.app);
    const page = await browser.get(`/?edit=${note.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="/notes/${note.id}">`);
    expect(page.body).toMatch(/id="title"[^>]*autofocus/);
    expect(inputValue(page.body, "title")).toBe("Inline");
    expect(inputValue(page.body, "version")).toBe("1");
    expect(page.body).not.toContain('action="/notes" ');
    expect(page.body).not.toContain("Add note");
    const saved = await browser.submit(`/?edit=${note.id}`, `/notes/${note.id}`, {
      title: "Inline, edited",
      description: "edit me here",
      version: "1",
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/#note-${note.id}`);
    expect(await apiGet(note.id)).toMatchObject({ title: "Inline, edited", version: 2 });
  });

  it("a note that is not on the page is edited on its own page; a bad id is a 400", async () => {
    const note = await apiCreate("Elsewhere", "not on page 2");
    const browser = new BrowserSession(t.app);
    const res = await browser.get(`/?cursor=${Buffer.from("n:1").toString("base64url")}&edit=${note.id}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/notes/${note.id}/edit?from=bjox`);
    expect((await browser.get("/?edit=abc")).statusCode).toBe(400);
  });
});

describe("returning to the page a form came from", () => {
  it("toggling, editing and deleting on an older page come back to that page", async () => {
    const values = Array.from({ length: 55 }, (_, i) => [`paging ${i + 1}`, "x"]);
    await queryScratch(t.scratch, "INSERT INTO notes (title, description) VALUES ?", [values]);
    const browser = new BrowserSession(t.app);
    const first = await browser.get("/");
    const older = /href="\/\?cursor=([^"]+)" rel="next"/.exec(first.body)?.[1] ?? "";
    const second = await browser.get(`/?cursor=${older}`);
    const [, id] = /id="note-(\d+)"/.exec(second.body) ?? [];
    expect(second.body).toContain(`<input type="hidden" name="from" value="${older}">`);
    expect(second.body).toContain(`href="/?cursor=${older}&amp;edit=${id}"`);
    expect(second.body).toContain(`href="/notes/${id}/delete?from=${older}"`);

    const toggled = await browser.post(`/notes/${id}/toggle`, { _csrf: csrfOf(second.body), from: older });
    expect(toggled.headers.location).toBe(`/?cursor=${older}#note-${id}`);
    const confirm = await browser.get(`/notes/${id}/delete?from=${older}`);
    expect(confirm.body).toContain(`href="/?cursor=${older}#note-${id}">Keep it</a>`);
    const deleted = await browser.post(`/notes/${id}/delete`, { _csrf: csrfOf(confirm.body), from: older });
    expect(deleted.headers.location).toBe(`/?cursor=${older}&deleted=1`);
  });

  it("a forged `from` never reaches the Location header", async () => {
    const note = await apiCreate("Forged", "from");
    const browser = new BrowserSession(t.app);
    const res = await browser.submit("/", `/notes/${note.id}/toggle`, { from: "//evil.example/" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/#note-${note.id}`);
  });
});

function csrfOf(body: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? "";
}

describe("undoing a delete", () => {
  it("offers Undo right after the delete and brings the note back, done state included", async () => {
    const note = await apiCreate("Regretted", "bring me back & keep <this>");
    const toggled = await t.app.inject({ method: "POST", url: `/api/notes/${note.id}/toggle`, payload: {} });
    expect(toggled.json<Note>().done).toBe(true);
    const browser = new BrowserSession(t.app);
    const res = await browser.submit(`/notes/${note.id}/delete`, `/notes/${note.id}/delete`, {});
    expect(res.statusCode).toBe(303);
    const cookie = res.cookies.find((c) => c.name === UNDO_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/", maxAge: 600 });
    expect(res.headers.location).not.toContain("Regretted");

    const list = await browser.get("/?deleted=1");
    expect(list.body).toContain("Deleted “Regretted”.");
    expect(list.body).toContain('action="/notes/restore"');
    // Only right after the delete: the plain list does not nag.
    expect((await browser.get("/")).body).not.toContain("Deleted “Regretted”");

    const restored = await browser.post("/notes/restore", { _csrf: csrfOf(list.body) });
    expect(restored.statusCode).toBe(303);
    const newId = Number(/#note-(\d+)$/.exec(String(restored.headers.location))?.[1]);
    expect(await apiGet(newId)).toMatchObject({
      title: "Regretted",
      description: "bring me back & keep <this>",
      done: true,
    });
    const cleared = restored.cookies.find((c) => c.name === UNDO_COOKIE);
    expect(cleared?.value).toBe("");
  });

  it("without the cookie (expired, undone already) or with a forged one, there is nothing to undo", async () => {
    const browser = new BrowserSession(t.app);
    const token = csrfOf((await browser.get("/")).body);
    const none = await browser.post("/notes/restore", { _csrf: token });
    expect(none.statusCode).toBe(410);
    expect(none.body).toContain("Nothing to undo");
    const forged = Buffer.from(JSON.stringify({ title: "x".repeat(500), description: "y" })).toString(
      "base64url",
    );
    browser.setCookie(UNDO_COOKIE, forged);
    const bad = await browser.post("/notes/restore", { _csrf: token });
    expect(bad.statusCode).toBe(410);
  });

  it("restoring is a CSRF-checked POST like every other change", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/notes/restore",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(res.statusCode).toBe(403);
  });
});
