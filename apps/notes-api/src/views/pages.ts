// The three pages of the UI. Every change is a POST form carrying the CSRF token.
import type { Note } from "../db/notes-repo.js";
import { type Html, html } from "./html.js";
import { layout } from "./layout.js";
import { csrfField, type FormState, noteFields } from "./note-forms.js";

function noteRow(note: Note, csrf: string): Html {
  return html`<tr class="${note.done ? "done" : "open"}" id="note-${note.id}">
<td class="title">${note.title}</td>
<td class="description">${note.description}</td>
<td>${note.done ? "Done" : "Open"}</td>
<td>
<form class="inline" method="post" action="/notes/${note.id}/toggle">${csrfField(csrf)}<button type="submit">${
    note.done ? "Mark open" : "Mark done"
  }</button></form>
<a href="/notes/${note.id}/edit">Edit</a>
<a href="/notes/${note.id}/delete">Delete</a>
</td>
</tr>`;
}

export interface ListView {
  notes: Note[];
  nextCursor: string | undefined;
  isFirstPage: boolean;
  form: FormState;
  csrf: string;
}

export function listPage(view: ListView): Html {
  const rows = view.notes.map((n) => noteRow(n, view.csrf));
  return layout(
    "Your notes",
    html`<h1>Your notes</h1>
<form method="post" action="/notes" class="add">
${csrfField(view.csrf)}
${noteFields(view.form)}
<button type="submit">Add note</button>
</form>
${
  rows.length
    ? html`<table><thead><tr><th>Title</th><th>Description</th><th>Status</th><th>Actions</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : html`<p>No notes yet.</p>`
}
<nav class="pages">${view.isFirstPage ? "" : html`<a href="/">Newest</a>`}${
      view.nextCursor ? html`<a href="/?cursor=${view.nextCursor}" rel="next">Older notes</a>` : ""
    }</nav>`,
  );
}

export interface EditView {
  id: number;
  version: number;
  form: FormState;
  csrf: string;
  /** Set when someone else saved first: shows what is stored now while keeping the user's text. */
  conflict?: Note;
}

export function editPage(view: EditView): Html {
  const conflict = view.conflict
    ? html`<div class="notice" role="alert">Someone else changed this note while you were editing. It now reads
<strong>${view.conflict.title}</strong>: ${view.conflict.description}. Your text is kept below; save again to
replace theirs.</div>`
    : "";
  return layout(
    "Edit note",
    html`<h1>Edit note</h1>
${conflict}
<form method="post" action="/notes/${view.id}">
${csrfField(view.csrf)}
<input type="hidden" name="version" value="${view.version}">
${noteFields(view.form)}
<button type="submit">Save</button> <a href="/">Cancel</a>
</form>`,
  );
}

export function deletePage(note: Note, csrf: string): Html {
  return layout(
    "Delete note",
    html`<h1>Delete this note?</h1>
<p><strong>${note.title}</strong>: ${note.description}</p>
<form method="post" action="/notes/${note.id}/delete">
${csrfField(csrf)}
<button type="submit">Delete</button> <a href="/">Cancel</a>
</form>`,
  );
}
