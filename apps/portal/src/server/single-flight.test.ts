import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe("SingleFlight", () => {
  it("shares one load among concurrent calls for the same key, not across keys", async () => {
    const flight = new SingleFlight<string>();
    let loads = 0;
    const gate = deferred<string>();
    const load = () => {
      loads += 1;
      return gate.promise;
    };
    const calls = Array.from({ length: 100 }, () => flight.run("env-1:7", load));
    const other = flight.run("env-1:8", async () => "other");
    gate.resolve("rows");
    expect(await Promise.all(calls)).toEqual(Array(100).fill("rows"));
    expect(await other).toBe("other");
    expect(loads).toBe(1);
  });

  it("loads again once the previous load settled, also after a failure", async () => {
    const flight = new SingleFlight<number>();
    await expect(flight.run("k", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    let loads = 0;
    const load = async () => ++loads;
    expect(await flight.run("k", load)).toBe(1);
    expect(await flight.run("k", load)).toBe(2);
  });
});
