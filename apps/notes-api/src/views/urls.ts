// Links back into the list. A page of the list is named by its cursor (undefined: the newest notes).

export function listUrl(cursor: string | undefined, noteId?: number): string {
  const path = cursor ? `/?cursor=${cursor}` : "/";
  return noteId === undefined ? path : `${path}#note-${noteId}`;
}

/**
 * The list with one note's edit form open in place. No #fragment: browsers skip autofocus when the URL
 * targets an element, and the focused title field scrolls into view by itself.
 */
export function inlineEditUrl(cursor: string | undefined, noteId: number): string {
  return `${cursor ? `/?cursor=${cursor}&` : "/?"}edit=${noteId}`;
}

export function deleteUrl(cursor: string | undefined, noteId: number): string {
  return `/notes/${noteId}/delete${cursor ? `?from=${cursor}` : ""}`;
}
