// The note fields, shared by the add and edit forms so both show input, hints and errors the same way.
// A page holds at most one of these forms (the list hides "Add" while a note is edited in place), so the
// fields' ids are plain "title" and "description".
import { DESCRIPTION_MAX, TITLE_MAX } from "../notes-schema.js";
import { type Html, html } from "./html.js";

export interface FormState {
  values: { title?: string; description?: string };
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

type FieldName = "title" | "description";

function field(name: FieldName, label: string, max: number, state: FormState, focus: boolean): Html {
  const error = state.errors[name];
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  // The hint and the error are both tied to the input, so a screen reader reads them with the label.
  const describedBy = error ? `${hintId} ${errorId}` : hintId;
  // maxlength is only a hint for browsers; the server validates again (and counts characters the same way).
  return html`<div class="field">
<label for="${name}">${label}</label>
<span class="hint" id="${hintId}">Up to ${max} characters</span>
<input type="text" id="${name}" name="${name}" maxlength="${max}" required value="${state.values[name] ?? ""}"${
    error ? html` aria-invalid="true"` : ""
  } aria-describedby="${describedBy}"${focus ? html` autofocus` : ""}>
${error ? html`<div class="error" id="${errorId}">${error}</div>` : ""}
</div>`;
}

/**
 * `autofocus`: put the cursor in the first field with an error, or in the title when none has one (used
 * where editing is the page's purpose and after a rejected submit, so the keyboard lands where it is needed).
 */
export function noteFields(state: FormState, { autofocus = false } = {}): Html {
  const focusOn: FieldName | undefined = !autofocus
    ? undefined
    : state.errors.title || !state.errors.description
      ? "title"
      : "description";
  return html`${field("title", "Title", TITLE_MAX, state, focusOn === "title")}
${field("description", "Description", DESCRIPTION_MAX, state, focusOn === "description")}`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** The list page a form came from, so after the change the user lands back on the same page. */
export function fromField(cursor: string | undefined): Html | "" {
  return cursor ? html`<input type="hidden" name="from" value="${cursor}">` : "";
}
