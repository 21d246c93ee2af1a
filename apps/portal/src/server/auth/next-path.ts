// Where the browser goes after signing in: only a path of the portal itself. `next` is resolved as the
// browser would resolve it against the portal's origin, and kept only if it stays on that origin.
// Control characters are refused outright: browsers drop tabs and newlines from URLs, so
// "/\t/evil.example" is "//evil.example" to them, and a newline in a Location header is a 500.
import "server-only";
import { publicOrigin } from "../public-origin";

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

export function safeNextPath(next: string | string[] | undefined, origin = publicOrigin()): string {
  if (typeof next !== "string" || !next.startsWith("/") || hasControlCharacter(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": a protocol-relative URL once it is a Location.
  return path.startsWith("//") ? "/" : path;
}
