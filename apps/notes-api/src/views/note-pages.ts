// The edit page (a direct link, a rejected save, a conflict) and the delete confirmation. Every change is
// a POST form carrying the CSRF token; neither page needs JavaScript.
import type { Note } from "../db/notes-repo.js";
import { type Html, html } from "./html.js";
import { layout } from "./layout.js";
import { statusBadge } from "./list-page.js";
import { csrfField, type FormState, fromField, noteFields } from "./note-forms.js";
import { listUrl } from "./urls.js";

export interface EditView {
  id: number;
  version: number;
  form: FormState;
  csrf: string;
  /** The list page the user came from, to return to after saving or cancelling. */
  from?: string | undefined;
  /** Set when someone else saved first: shows what is stored now while keeping the user's text. */
  conflict?: Note;
}

function conflictNotice(current: Note | undefined): Html | "" {
  if (!current) return "";
  return html`<div class="notice notice-warning" role="alert">Someone else changed this note while you were editing. It now reads
<strong>${current.title}</strong>: ${current.description}. Your text is kept below; save again to
replace theirs, or cancel to keep their version.</div>`;
}

export function editPage(view: EditView): Html {
  return layout(
    "Edit note",
    html`<h1>Edit note</h1>
${conflictNotice(view.conflict)}
<form method="post" action="/notes/${view.id}" class="card">
${csrfField(view.csrf)}${fromField(view.from)}
<input type="hidden" name="version" value="${view.version}">
${noteFields(view.form, { autofocus: true })}
<div class="actions"><button type="submit" class="btn">Save</button><a class="btn btn-quiet" href="${listUrl(view.from, view.id)}">Cancel</a></div>
</form>`,
  );
}

export function deletePage(note: Note, csrf: string, from?: string): Html {
  return layout(
    "Delete note",
    html`<h1>Delete this note?</h1>
<div class="card preview ${note.done ? "done" : "open"}">
<h2>${note.title}</h2>
<p>${note.description}</p>
<p class="meta">${statusBadge(note.done)}</p>
</div>
<p>It disappears from the list for everyone using these notes. Right after, you can undo this from this
browser for 10 minutes. If you only want it out of the way, keep it and mark it done instead.</p>
<form method="post" action="/notes/${note.id}/delete">
${csrfField(csrf)}${fromField(from)}
<div class="actions"><button type="submit" class="btn btn-danger">Delete note</button><a class="btn btn-quiet" href="${listUrl(from, note.id)}">Keep it</a></div>
</form>`,
  );
}
