// The UI's static files (public/), read once at start and served under content-hashed names, so a page
// can let browsers cache them for a year: a new stylesheet gets a new URL. Files, not inline strings, so
// the CSP keeps forbidding inline styles.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { PUBLIC_DIR } from "../paths.js";

export interface StaticAsset {
  /** The immutable, content-hashed URL pages link to, e.g. /static/app.3f9a1c2b7d.css */
  url: string;
  /** The stable URL, revalidated by ETag (for links outside our pages). */
  plainUrl: string;
  /** The file name's stem and extension, to recognise another release's hashed name. */
  stem: string;
  ext: string;
  body: Buffer;
  contentType: string;
  etag: string;
}

function load(file: string, contentType: string): StaticAsset {
  const body = readFileSync(new URL(file, PUBLIC_DIR));
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  const dot = file.lastIndexOf(".");
  const stem = file.slice(0, dot);
  const ext = file.slice(dot + 1);
  return {
    url: `/static/${stem}.${hash}.${ext}`,
    plainUrl: `/static/${file}`,
    stem,
    ext,
    body,
    contentType,
    etag: `"${hash}"`,
  };
}

export const STYLESHEET = load("app.css", "text/css; charset=utf-8");
export const FAVICON = load("favicon.svg", "image/svg+xml");
export const ASSETS: readonly StaticAsset[] = [STYLESHEET, FAVICON];
