// A small tokenizer for the template view: enough YAML and JSON to colour keys, strings, numbers,
// literals, CloudFormation tags (!Ref, !Sub) and comments. A line-based scanner, not a parser: the text
// comes from our own renderer, and concatenating the tokens of a line always gives the line back.

export type TokenKind = "key" | "string" | "number" | "literal" | "tag" | "comment" | "punct" | "plain";
export interface Token {
  kind: TokenKind;
  text: string;
}

const JSON_TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

export function tokenizeJsonLine(line: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of line.matchAll(JSON_TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ kind: "plain", text: line.slice(last, index) });
    const [text, quoted, colon, number, literal] = match;
    if (quoted !== undefined && colon !== undefined) {
      tokens.push({ kind: "key", text: quoted }, { kind: "punct", text: colon });
    } else if (quoted !== undefined) tokens.push({ kind: "string", text: quoted });
    else if (number !== undefined) tokens.push({ kind: "number", text: number });
    else if (literal !== undefined) tokens.push({ kind: "literal", text: literal });
    else tokens.push({ kind: "punct", text });
    last = index + text.length;
  }
  if (last < line.length) tokens.push({ kind: "plain", text: line.slice(last) });
  return tokens;
}

const YAML_KEY = /^(\s*(?:-\s+)*)([^\s#'"][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)/;

export function tokenizeYamlLine(line: string): Token[] {
  if (/^\s*#/.test(line)) return [{ kind: "comment", text: line }];
  const tokens: Token[] = [];
  let rest = line;
  const key = YAML_KEY.exec(rest);
  if (key) {
    const [whole, lead = "", name = "", colon = ""] = key;
    if (lead) tokens.push({ kind: "punct", text: lead });
    tokens.push({ kind: "key", text: name }, { kind: "punct", text: colon });
    rest = rest.slice(whole.length);
  } else {
    const dash = /^(\s*(?:-\s+)*)/.exec(rest)?.[0] ?? "";
    if (dash) tokens.push({ kind: "punct", text: dash });
    rest = rest.slice(dash.length);
  }
  return [...tokens, ...tokenizeYamlValue(rest)];
}

function tokenizeYamlValue(value: string): Token[] {
  const lead = /^\s*/.exec(value)?.[0] ?? "";
  const tokens: Token[] = lead ? [{ kind: "plain", text: lead }] : [];
  let body = value.slice(lead.length);
  const tag = /^!\w+\s?/.exec(body);
  if (tag) {
    tokens.push({ kind: "tag", text: tag[0] });
    body = body.slice(tag[0].length);
  }
  if (!body) return tokens;
  tokens.push({ kind: yamlScalarKind(body), text: body });
  return tokens;
}

function yamlScalarKind(body: string): TokenKind {
  if (/^-?\d+(\.\d+)?$/.test(body)) return "number";
  if (/^(true|false|null|~)$/.test(body)) return "literal";
  if (/^[[{]/.test(body) || body === "|" || body === ">" || /^[|>][-+]?$/.test(body)) return "punct";
  return "string";
}

export function tokenizeLine(line: string, language: "yaml" | "json"): Token[] {
  return language === "json" ? tokenizeJsonLine(line) : tokenizeYamlLine(line);
}

export function splitLines(text: string): string[] {
  return text.replace(/\n$/, "").split("\n");
}

export function tokenize(text: string, language: "yaml" | "json"): Token[][] {
  return splitLines(text).map((line) => tokenizeLine(line, language));
}
