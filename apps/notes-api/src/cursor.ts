// Cursors are opaque to clients so the ordering key can change without breaking their links.
// Today a cursor is the id of the last note on the page (ids grow with time, so "newest first" is id DESC).
export function encodeCursor(lastId: number): string {
  return Buffer.from(`n:${lastId}`).toString("base64url");
}

/** Returns the id to continue below, or undefined when the cursor is not one we issued. */
export function decodeCursor(cursor: string): number | undefined {
  const match = /^n:([1-9]\d{0,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match?.[1] ? Number(match[1]) : undefined;
}
