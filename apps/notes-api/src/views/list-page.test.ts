import { describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import { type ListView, listPage, shortDate } from "./list-page.js";
import { emptyForm } from "./note-forms.js";

const note = (id: number, over: Partial<Note> = {}): Note => ({
  id,
  title: `Note ${id}`,
  description: "text",
  done: false,
  version: 1,
  createdAt: "2026-03-05T10:00:00.000Z",
  updatedAt: "2026-03-05T10:00:00.000Z",
  ...over,
});

const view = (over: Partial<ListView> = {}): ListView => ({
  notes: [],
  cursor: undefined,
  nextCursor: undefined,
  form: emptyForm,
  csrf: "tok",
  ...over,
});

describe("list page", () => {
  it("dates read as day, month and year without a Date per note", () => {
    expect(shortDate("2026-03-05T10:00:00.000Z")).toBe("5 Mar 2026");
    expect(shortDate("2026-12-31T23:59:59.999Z")).toBe("31 Dec 2026");
  });

  it("says what to do when there are no notes, and when an older page is empty", () => {
    expect(listPage(view()).value).toContain("No notes yet");
    const older = listPage(view({ cursor: "bjox" })).value;
    expect(older).toContain("No older notes");
    expect(older).toContain('<a href="/">Back to the newest notes</a>');
  });

  it("shows done and open differently in words, not only in colour", () => {
    const out = listPage(view({ notes: [note(2, { done: true }), note(1)] })).value;
    expect(out).toContain('<li class="note done" id="note-2">');
    expect(out).toMatch(/id="note-2"[\s\S]*"badge">Done<[\s\S]*>Mark open<\/button>/);
    expect(out).toContain('<li class="note open" id="note-1">');
    expect(out).toMatch(/id="note-1"[\s\S]*"badge">Open<[\s\S]*>Mark done<\/button>/);
    // Each action names its note for screen readers through the note's heading.
    expect(out).toContain('<h3 id="t1">Note 1</h3>');
    expect(out.match(/aria-describedby="t1"/g)).toHaveLength(3);
  });

  it("links older and newest pages only when they exist", () => {
    expect(listPage(view({ notes: [note(1)] })).value).not.toContain('aria-label="More notes"');
    const first = listPage(view({ notes: [note(9)], nextCursor: "bjo5" })).value;
    expect(first).toContain('href="/?cursor=bjo5" rel="next">Older notes');
    expect(first).not.toContain("Newest notes");
    const last = listPage(view({ notes: [note(1)], cursor: "bjo5" })).value;
    expect(last).toContain("Newest notes</a>");
    expect(last).not.toContain('rel="next"');
  });

  it("edits one note in place with the add form hidden, and escapes what it shows", () => {
    const evil = note(3, { title: "<b>x</b>" });
    const out = listPage(
      view({ notes: [evil], editing: { id: 3, form: { values: evil, errors: {} } } }),
    ).value;
    expect(out).toContain('<h3 id="t3">Edit “&lt;b&gt;x&lt;/b&gt;”</h3>');
    expect(out).not.toContain("Add a note");
    expect(out).toMatch(/id="title"[^>]*autofocus/);
  });

  it("offers Undo for the note just deleted", () => {
    const out = listPage(view({ deleted: { title: "<gone>" } })).value;
    expect(out).toContain("Deleted “&lt;gone&gt;”.");
    expect(out).toMatch(/<form method="post" action="\/notes\/restore"><input type="hidden" name="_csrf"/);
  });
});
