import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import {
  BrowserSession,
  csrfToken,
  inputValue,
  startTestApp,
  type TestApp,
} from "../testing/app.test-helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("html");
});
afterAll(async () => t?.close());

async function apiCreate(title: string, description: string): Promise<Note> {
  return (
    await t.app.inject({ method: "POST", url: "/api/notes", payload: { title, description } })
  ).json<Note>();
}

describe("HTML UI: add", () => {
  it("adds a note with a POST, redirects (303) and lists it", async () => {
    const browser = new BrowserSession(t.app);
    const res = await browser.submit("/", "/notes", { title: "Water plants", description: "the ficus too" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/#note-\d+$/);
    const list = await browser.get("/");
    expect(list.body).toMatch(/<h3 id="t\d+">Water plants<\/h3>/);
    expect(list.body).toContain("the ficus too");
  });

  it("a 200-character title is rejected beside the field, keeping the description typed", async () => {
    const browser = new BrowserSession(t.app);
    const description = "I typed this carefully & it must survive";
    const res = await browser.submit("/", "/notes", { title: "T".repeat(200), description });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="title"[^>]*aria-invalid="true"/);
    expect(res.body).toContain(
      '<div class="error" id="title-error">Title must be at most 64 characters</div>',
    );
    expect(inputValue(res.body, "description")).toBe(description);
    expect(inputValue(res.body, "title")).toBe("T".repeat(200));
    expect((await browser.get("/")).body).not.toContain("I typed this carefully");
  });

  it("an empty description is rejected beside its own field", async () => {
    const browser = new BrowserSession(t.app);
    const res = await browser.submit("/", "/notes", { title: "Only a title", description: "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<div class="error" id="description-error">Description is required</div>');
    expect(inputValue(res.body, "title")).toBe("Only a title");
  });

  it("HTML and SQL injection strings are stored and shown literally", async () => {
    const browser = new BrowserSession(t.app);
    const title = `<script>alert("pwned")</script>`;
    const description = `'; DELETE FROM notes; -- <b>bold</b> & "quotes"`;
    await browser.submit("/", "/notes", { title, description });
    const list = await browser.get("/");
    expect(list.body).not.toContain("<script>alert");
    expect(list.body).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(list.body).toContain(
      "&#39;; DELETE FROM notes; -- &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;",
    );
    const api = (await t.app.inject({ url: "/api/notes?limit=100" })).json<{ notes: Note[] }>();
    expect(api.notes.find((n) => n.title === title)?.description).toBe(description);
  });
});

describe("HTML UI: CSRF", () => {
  it("refuses a POST without a token (403) and changes nothing", async () => {
    const before = (await t.app.inject({ url: "/api/notes?limit=100" })).json<{ notes: Note[] }>().notes
      .length;
    const res = await t.app.inject({
      method: "POST",
      url: "/notes",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "title=forged&description=by+another+site",
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain("This form has expired or came from another site");
    const after = (await t.app.inject({ url: "/api/notes?limit=100" })).json<{ notes: Note[] }>().notes
      .length;
    expect(after).toBe(before);
  });

  it("refuses a token taken from another browser's session", async () => {
    const alice = new BrowserSession(t.app);
    const mallory = new BrowserSession(t.app);
    const token = csrfToken((await mallory.get("/")).body);
    await alice.get("/");
    const res = await alice.post("/notes", { _csrf: token, title: "forged", description: "x" });
    expect(res.statusCode).toBe(403);
  });

  it("every form on every page carries a token", async () => {
    const note = await apiCreate("forms", "everywhere");
    const browser = new BrowserSession(t.app);
    for (const url of ["/", `/notes/${note.id}/edit`, `/notes/${note.id}/delete`]) {
      const body = (await browser.get(url)).body;
      const forms = body.match(/<form /g)?.length ?? 0;
      const tokens = body.match(/name="_csrf"/g)?.length ?? 0;
      expect(forms).toBeGreaterThan(0);
      expect(tokens).toBe(forms);
    }
  });
});
