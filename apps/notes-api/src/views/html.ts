// A tiny escaping template tag: every interpolated value is HTML-escaped unless it is already Html made by
// this tag, so forgetting to escape is not possible by construction.
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const SPECIAL = /[&<>"']/;

function escapeHtml(text: string): string {
  // Most values (ids, tokens, plain titles) need no escaping; testing first skips the replace's allocations.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}

type Part = Html | string | number | boolean | null | undefined | Part[];

// Strings and numbers first: they are nearly every part of a page (a list page renders ~1,000 parts).
function render(part: Part): string {
  if (typeof part === "string") return escapeHtml(part);
  if (typeof part === "number") return String(part);
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) {
    let out = "";
    for (const item of part) out += render(item);
    return out;
  }
  if (part === null || part === undefined || part === false) return "";
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + (strings[i + 1] ?? "");
  return new Html(out);
}
