// Links back into the list. A page of the list is named by its cursor (undefined: the newest notes).

export function listUrl(cursor: string | undefined, noteId?: number): string {
  const path = cursor ? `/?cursor=${cursor}` : "/";
  return noteId === undefined ? path : `${path}#note-${noteId}`;
}

/**
 * The list with a note's edit form open in place is this prefix plus the note's id. No #fragment:
 * browsers skip autofocus when the URL targets an element, and the focused title scrolls into view anyway.
 */
export function inlineEditPrefix(cursor: string | undefined): string {
  return cursor ? `/?cursor=${cursor}&edit=` : "/?edit=";
}

/** The query a delete confirmation link carries so that the user returns to the same page. */
export function deleteQuery(cursor: string | undefined): string {
  return cursor ? `?from=${cursor}` : "";
}
