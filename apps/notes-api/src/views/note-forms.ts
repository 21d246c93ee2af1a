// The note fields, shared by the add and edit forms so both show input and errors the same way.
import { DESCRIPTION_MAX, TITLE_MAX } from "../notes-schema.js";
import { type Html, html } from "./html.js";

export interface FormState {
  values: { title?: string; description?: string };
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

function field(name: "title" | "description", label: string, max: number, state: FormState): Html {
  const error = state.errors[name];
  const errorId = `${name}-error`;
  // maxlength is only a hint for browsers; the server validates again (and counts characters the same way).
  return html`<label for="${name}">${label}</label>
<input type="text" id="${name}" name="${name}" maxlength="${max}" required value="${state.values[name] ?? ""}"${
    error ? html` aria-invalid="true" aria-describedby="${errorId}"` : ""
  }>
${error ? html`<div class="error" id="${errorId}">${error}</div>` : ""}`;
}

export function noteFields(state: FormState): Html {
  return html`${field("title", "Title", TITLE_MAX, state)}
${field("description", "Description", DESCRIPTION_MAX, state)}`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
