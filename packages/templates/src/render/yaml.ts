// A small YAML emitter for the JSON values a template holds. The `yaml` package took ~60 ms per template
// (most of a render); this takes well under a millisecond. Strings that could be read as anything but a
// string (numbers, dates, YAML 1.1 booleans like "yes", "8.0") are double-quoted with JSON escapes, which
// YAML's double-quoted style accepts; multi-line text (user data) is a literal block.
import type { Json } from "./cfn.js";

const PLAIN = /^[A-Za-z_/][A-Za-z0-9 _./:<>()=+,@-]*$/;
const YAML_11_WORDS = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
// Loose number forms some YAML readers accept, e.g. "E0" or "1_000": always quoted.
const NUMBER_LIKE = /^[-+]?[0-9_.]*([eE][-+]?[0-9]+)?$/;

/** Literal blocks cannot carry control characters (tab and CR included, to keep them visible). */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 10) || (code >= 0x7f && code <= 0x9f) || code === 0xfeff) return true;
  }
  return false;
}

const INDENTS = Array.from({ length: 32 }, (_, depth) => "  ".repeat(depth));
const indentOf = (depth: number) => INDENTS[depth] ?? "  ".repeat(depth);

export function toYaml(value: Json): string {
  const lines: string[] = [];
  emit(value, 0, lines, null);
  return `${lines.join("\n")}\n`;
}

// Templates repeat the same keys and values ("Type", "Ref", tag keys) thousands of times.
const scalarCache = new Map<string, string>();

function scalar(value: string | number | boolean | null): string {
  if (typeof value !== "string") return JSON.stringify(value);
  let text = scalarCache.get(value);
  if (text === undefined) {
    const plain =
      PLAIN.test(value) &&
      !YAML_11_WORDS.test(value) &&
      !NUMBER_LIKE.test(value) &&
      !/: |:$| #|\s$/.test(value);
    text = plain ? value : JSON.stringify(value);
    if (scalarCache.size < 10_000) scalarCache.set(value, text);
  }
  return text;
}

function isBlockText(value: string): boolean {
  return (
    value.includes("\n") && !hasControlCharacters(value) && !/^[ \n]/.test(value) && !/ \n| $/.test(value)
  );
}

function blockText(value: string, indent: string): string[] {
  const trailing = /\n*$/.exec(value)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? value : value.slice(0, -trailing);
  const lines = body.split("\n").map((line) => (line === "" ? "" : `${indent}${line}`));
  for (let i = 1; i < trailing; i += 1) lines.push("");
  return [`|${chomp}`, ...lines];
}

/** Emits `value` at `depth`; `prefix` is the "key:" or "-" that starts the first line, if any. */
function emit(value: Json, depth: number, lines: string[], prefix: string | null): void {
  const indent = indentOf(depth);
  const lead = prefix === null ? indent : `${indent}${prefix} `;
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(`${lead}[]`);
    if (prefix !== null) lines.push(`${indent}${prefix}`);
    const itemDepth = prefix === null ? depth : depth + 1;
    for (const item of value) emitItem(item, itemDepth, lines);
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return void lines.push(`${lead}{}`);
    if (prefix !== null) lines.push(`${indent}${prefix}`);
    const childDepth = prefix === null ? depth : depth + 1;
    for (const [key, child] of entries) emitEntry(key, child, childDepth, lines);
    return;
  }
  if (typeof value === "string" && isBlockText(value)) {
    const [header = "", ...rest] = blockText(value, indentOf(depth + 1));
    lines.push(`${lead}${header}`, ...rest);
    return;
  }
  lines.push(`${lead}${scalar(value)}`);
}

function emitEntry(key: string, value: Json, depth: number, lines: string[]): void {
  emit(value, depth, lines, `${scalar(key)}:`);
}

/** Array items: objects start on the dash line ("- Key: Name"), the rest of their keys align under it. */
function emitItem(item: Json, depth: number, lines: string[]): void {
  const indent = indentOf(depth);
  if (item !== null && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length > 0) {
    const start = lines.length;
    for (const [key, child] of Object.entries(item)) emitEntry(key, child, depth + 1, lines);
    lines[start] = `${indent}- ${lines[start]?.slice(indent.length + 2)}`;
    return;
  }
  if (Array.isArray(item) && item.length > 0) {
    lines.push(`${indent}-`);
    for (const child of item) emitItem(child, depth + 1, lines);
    return;
  }
  emit(item, depth, lines, "-");
}
