// The hub runs one tail per environment for any number of viewers, and a viewer that reconnects resumes
// without a gap or a repeat: from its buffer, or from the target when the buffer lacks the cursor.
import { afterEach, describe, expect, it } from "vitest";
import { LogHub, type OpenTail } from "./log-hub.js";
import type { LogBatch, LogLine } from "./logs.js";

/** A target whose tail cursors are "c<number of lines read>": what a real reader's cursor means. */
function fakeTarget() {
  const log: LogLine[] = [];
  const waiting = new Set<() => void>();
  let opened: (string | undefined)[] = [];
  let failNext = false;
  const open: OpenTail = async function* (cursor, signal) {
    opened.push(cursor);
    let position = cursor ? Number(cursor.slice(1)) : log.length;
    let first = true;
    while (!signal.aborted) {
      if (failNext) {
        failNext = false;
        throw new Error("network");
      }
      if (position < log.length || first) {
        const lines = log.slice(position);
        position = log.length;
        first = false;
        yield { lines, cursor: `c${position}` };
      }
      await new Promise<void>((resolve) => {
        waiting.add(resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
  };
  return {
    open,
    write(...messages: string[]) {
      for (const message of messages) {
        log.push({
          id: `id-${message}`,
          timestamp: new Date(),
          task: "t",
          level: "info",
          message,
          raw: message,
        });
      }
      for (const wake of waiting) wake();
      waiting.clear();
    },
    fail() {
      failNext = true;
      for (const wake of waiting) wake();
    },
    opened: () => opened,
    resetOpened: () => {
      opened = [];
    },
  };
}

/** Reads a subscription in the background; `until(n)` waits for n lines. */
function viewer(iterable: AsyncIterable<LogBatch>) {
  const batches: LogBatch[] = [];
  const lines: string[] = [];
  let notify: () => void = () => undefined;
  void (async () => {
    for await (const batch of iterable) {
      batches.push(batch);
      lines.push(...batch.lines.map((l) => l.message));
      notify();
    }
  })();
  return {
    batches,
    lines,
    async until(count: number, what = "lines") {
      const deadline = Date.now() + 5_000;
      while ((what === "lines" ? lines.length : batches.length) < count) {
        if (Date.now() > deadline) throw new Error(`only ${lines.length} lines: ${lines.join(",")}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

const hubs: LogHub[] = [];
const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
  for (const hub of hubs.splice(0)) hub.close();
});

function setup() {
  const hub = new LogHub({ retryMs: 10, idleMs: 50 });
  hubs.push(hub);
  const target = fakeTarget();
  const subscribe = (after?: string) => {
    const controller = new AbortController();
    controllers.push(controller);
    return viewer(hub.subscribe("env-1", target.open, after, controller.signal));
  };
  return { hub, target, subscribe };
}

describe("LogHub", () => {
  it("runs one tail for 20 viewers, each of which sees every new line once", async () => {
    const { hub, target, subscribe } = setup();
    const viewers = Array.from({ length: 20 }, () => subscribe());
    await Promise.all(viewers.map((v) => v.until(1, "batches")));
    target.write("a", "b");
    target.write("c");
    await Promise.all(viewers.map((v) => v.until(3)));
    expect(hub.tailsStarted).toBe(1);
    expect(target.opened()).toEqual([undefined]);
    for (const v of viewers) expect(v.lines).toEqual(["a", "b", "c"]);
  });

  it("resumes a viewer from the buffer after the batch it saw last, asking the target nothing", async () => {
    const { target, subscribe } = setup();
    const first = subscribe();
    await first.until(1, "batches");
    target.write("a");
    await first.until(1);
    const cursor = first.batches.at(-1)?.cursor;
    target.write("b", "c");
    await first.until(3);
    target.resetOpened();
    const resumed = subscribe(cursor);
    await resumed.until(2);
    expect(resumed.lines).toEqual(["b", "c"]);
    expect(target.opened()).toEqual([]);
  });

  it("catches a cursor the buffer lacks up from the target, then joins the shared tail without repeats", async () => {
    const { target, subscribe } = setup();
    target.write("old-1", "old-2");
    const live = subscribe();
    await live.until(1, "batches");
    target.write("x");
    await live.until(1);
    // A cursor from another replica (or before this process started): right after old-1.
    const resumed = subscribe("c1");
    await resumed.until(2);
    target.write("y");
    await resumed.until(3);
    expect(resumed.lines).toEqual(["old-2", "x", "y"]);
    expect(target.opened()).toContain("c1");
  });

  it("catches a viewer up from the target when the buffer dropped batches it had not read", async () => {
    const hub = new LogHub({ bufferLines: 2, retryMs: 10 });
    hubs.push(hub);
    const target = fakeTarget();
    const controller = new AbortController();
    controllers.push(controller);
    const slow = hub.subscribe("env-1", target.open, undefined, controller.signal)[Symbol.asyncIterator]();
    expect((await slow.next()).value?.lines).toEqual([]);
    // A busy tail while this viewer reads nothing: the buffer keeps 2 lines, so "a".."c" leave it.
    const fast = viewer(hub.subscribe("env-1", target.open, undefined, controller.signal));
    await fast.until(1, "batches");
    for (const message of ["a", "b", "c", "d", "e"]) {
      target.write(message);
      await fast.until(fast.lines.length + 1);
    }
    const read: string[] = [];
    while (read.length < 5)
      read.push(...((await slow.next()).value?.lines ?? []).map((l: LogLine) => l.message));
    expect(read).toEqual(["a", "b", "c", "d", "e"]);
    target.write("f");
    expect((await slow.next()).value?.lines.map((l: LogLine) => l.message)).toEqual(["f"]);
  });

  it("restarts a failed tail from its last cursor: the viewers miss nothing", async () => {
    const { hub, target, subscribe } = setup();
    const v = subscribe();
    await v.until(1, "batches");
    target.write("a");
    await v.until(1);
    target.fail();
    target.write("b");
    await v.until(2);
    expect(v.lines).toEqual(["a", "b"]);
    expect(hub.tailsStarted).toBe(2);
    expect(target.opened().at(-1)).toBe("c1");
  });

  it("keeps the tail for a viewer back within the idle time, and stops it once nobody came back", async () => {
    const { hub, target, subscribe } = setup();
    const leave = () => {
      for (const c of controllers.splice(0)) c.abort();
    };
    await subscribe().until(1, "batches");
    leave();
    await subscribe().until(1, "batches");
    expect(hub.tailsStarted).toBe(1);
    leave();
    const deadline = Date.now() + 5_000;
    while (hub.isTailing("env-1") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(hub.isTailing("env-1")).toBe(false);
    await subscribe().until(1, "batches");
    expect(hub.tailsStarted).toBe(2);
    expect(target.opened()).toEqual([undefined, undefined]);
  });
});
