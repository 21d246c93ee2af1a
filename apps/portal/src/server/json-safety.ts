// User JSON that the portal stores (drafts, specs, audit details) must come back out through superjson,
// which refuses any object with a `__proto__`, `constructor` or `prototype` key ("prototype pollution
// risk"): one such key stored would make every read of that row a 500, forever for the append-only audit
// log. Those keys are dropped wherever user JSON is written, and again when it is read (rows written
// before this rule existed). The walk is iterative, so a deeply nested body cannot overflow the stack.

const DANGEROUS_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Nesting deeper than this is replaced by a marker: no spec or diff is anywhere near as deep. */
export const MAX_JSON_DEPTH = 64;
export const TOO_DEEP = "[too deeply nested]";

type Container = Record<string, unknown> | unknown[];

function emptyLike(value: object): Container {
  return Array.isArray(value) ? [] : {};
}

/** A copy of a JSON value without the keys superjson refuses, at any depth. */
export function withoutDangerousKeys<T>(value: T): T {
  if (!value || typeof value !== "object") return value;
  const root = emptyLike(value);
  const pending: { from: object; to: Container; depth: number }[] = [{ from: value, to: root, depth: 1 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { from, to, depth } = item;
    for (const [key, inner] of Object.entries(from)) {
      if (!Array.isArray(from) && DANGEROUS_KEYS.has(key)) continue;
      let copy: unknown = inner;
      if (inner && typeof inner === "object") {
        if (depth >= MAX_JSON_DEPTH) copy = TOO_DEEP;
        else {
          copy = emptyLike(inner);
          pending.push({ from: inner, to: copy as Container, depth: depth + 1 });
        }
      }
      if (Array.isArray(to)) to.push(copy);
      else
        Object.defineProperty(to, key, { value: copy, enumerable: true, writable: true, configurable: true });
    }
  }
  return root as T;
}
