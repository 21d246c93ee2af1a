// The list page: add form, notes newest first (one can be edited in place), pagination, undo notice.
import type { Note } from "../db/notes-repo.js";
import { type Html, html } from "./html.js";
import { layout } from "./layout.js";
import { csrfField, type FormState, fromField, noteFields } from "./note-forms.js";
import { deleteQuery, inlineEditPrefix, listUrl } from "./urls.js";

export interface ListView {
  notes: Note[];
  /** This page's cursor; undefined on the first page (the newest notes). */
  cursor: string | undefined;
  nextCursor: string | undefined;
  form: FormState;
  csrf: string;
  /** A note shown as an edit form in its place (no JavaScript needed: the list is rendered with it open). */
  editing?: { id: number; form: FormState };
  /** The note just deleted, offered back with an Undo button. */
  deleted?: { title: string };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-12-07T10:00:00.000Z" → "7 Dec 2026" (UTC), by slicing: no Date or Intl per note. */
export function shortDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

// Words, not only colour: the badge's look comes from the note's class (see app.css).
const BADGE = { done: html`<span class="badge">Done</span>`, open: html`<span class="badge">Open</span>` };

export function statusBadge(done: boolean): Html {
  return done ? BADGE.done : BADGE.open;
}

/** What every note on a page shares, rendered once per page rather than once per note. */
interface RowParts {
  /** The hidden CSRF and `from` inputs of each toggle form. */
  formInputs: Html;
  editHref: string;
  deleteSuffix: string;
}

function rowParts(view: ListView): RowParts {
  return {
    formInputs: html`${csrfField(view.csrf)}${fromField(view.cursor)}`,
    editHref: inlineEditPrefix(view.cursor),
    deleteSuffix: deleteQuery(view.cursor),
  };
}

// The list's hot path (50 per page, benchmarked): one template per note, few interpolations, and the
// buttons styled from context (.acts) rather than classes, about 600 bytes a note. Each action is
// described by the note's title (id t<id>), so "Mark done" says which note to a screen reader.
function noteItem(note: Note, parts: RowParts): Html {
  const id = note.id;
  return html`<li class="note ${note.done ? "done" : "open"}" id="note-${id}"><div><h3 id="t${id}">${note.title}</h3><p>${note.description}</p><p class="meta">${statusBadge(note.done)} Added <time datetime="${note.createdAt.slice(0, 10)}">${shortDate(note.createdAt)}</time></p></div>
<div class="acts"><form method="post" action="/notes/${id}/toggle">${parts.formInputs}<button aria-describedby="t${id}">${
    note.done ? "Mark open" : "Mark done"
  }</button></form><a href="${parts.editHref}${id}" aria-describedby="t${id}">Edit</a><a class="del" href="/notes/${id}/delete${parts.deleteSuffix}" aria-describedby="t${id}">Delete</a></div></li>
`;
}

function editItem(note: Note, form: FormState, view: ListView): Html {
  return html`<li class="note editing" id="note-${note.id}">
<form method="post" action="/notes/${note.id}">
<h3 id="t${note.id}">Edit “${note.title}”</h3>
${csrfField(view.csrf)}${fromField(view.cursor)}
<input type="hidden" name="version" value="${note.version}">
${noteFields(form, { autofocus: true })}
<div class="actions"><button type="submit" class="btn">Save</button><a class="btn btn-quiet" href="${listUrl(view.cursor, note.id)}">Cancel</a></div>
</form>
</li>`;
}

function addSection(view: ListView): Html {
  const rejected = Object.keys(view.form.errors).length > 0;
  return html`<section class="card add" aria-labelledby="add-heading">
<h2 id="add-heading">Add a note</h2>
<form method="post" action="/notes">
${csrfField(view.csrf)}
<div class="row">${noteFields(view.form, { autofocus: rejected })}</div>
<button type="submit" class="btn">Add note</button>
</form>
</section>`;
}

function undoNotice(view: ListView): Html | "" {
  if (!view.deleted) return "";
  return html`<div class="notice" role="status"><strong>Deleted “${view.deleted.title}”.</strong>
Changed your mind? You can bring it back from this browser for the next 10 minutes.
<div class="acts"><form method="post" action="/notes/restore">${csrfField(view.csrf)}<button type="submit">Undo delete</button></form></div>
</div>`;
}

function emptyState(view: ListView): Html {
  return view.cursor
    ? html`<div class="card empty"><strong>No older notes</strong>You have reached the end. <a href="/">Back to the newest notes</a></div>`
    : html`<div class="card empty"><strong>No notes yet</strong>Add your first one above: a short title and a line about it.</div>`;
}

function pagination(view: ListView): Html | "" {
  if (!view.cursor && !view.nextCursor) return "";
  return html`<nav class="pages" aria-label="More notes">${
    view.cursor ? html`<a href="/"><span aria-hidden="true">← </span>Newest notes</a>` : ""
  }${
    view.nextCursor
      ? html`<a class="older" href="/?cursor=${view.nextCursor}" rel="next">Older notes<span aria-hidden="true"> →</span></a>`
      : ""
  }</nav>`;
}

export function listPage(view: ListView): Html {
  const parts = rowParts(view);
  const items = view.notes.map((note) =>
    view.editing?.id === note.id ? editItem(note, view.editing.form, view) : noteItem(note, parts),
  );
  return layout(
    view.editing ? "Edit note" : "Your notes",
    html`<h1>Your notes</h1>
${undoNotice(view)}
${view.editing ? "" : addSection(view)}
<section aria-labelledby="list-heading">
<div class="list-head"><h2 id="list-heading">${view.cursor ? "Older notes" : "Latest notes"}</h2><span class="muted">Newest first</span></div>
${items.length ? html`<ol class="notes">${items}</ol>` : emptyState(view)}
${pagination(view)}
</section>`,
  );
}
