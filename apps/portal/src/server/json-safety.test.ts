import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, TOO_DEEP, withoutDangerousKeys } from "./json-safety";

describe("withoutDangerousKeys", () => {
  it("drops the keys superjson refuses, at any depth and inside arrays, keeping the rest in order", () => {
    const parsed = JSON.parse(
      '{"a":1,"__proto__":{"x":1},"b":[{"constructor":2,"c":3},[{"prototype":4}]],"d":{"e":{"constructor":{}}}}',
    );
    const safe = withoutDangerousKeys(parsed);
    expect(safe).toEqual({ a: 1, b: [{ c: 3 }, [{}]], d: { e: {} } });
    expect(() => superjson.serialize(safe)).not.toThrow();
    expect(() => superjson.serialize(parsed)).toThrow(/prototype pollution/);
  });

  it("cuts nesting deeper than it will ever legitimately be, without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let cut = withoutDangerousKeys(deep);
    for (let i = 1; i < MAX_JSON_DEPTH; i++) cut = (cut as unknown[])[0];
    expect(cut).toEqual([TOO_DEEP]);
  });
});
