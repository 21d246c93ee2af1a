// Following with both sources at once: the live stream (SSE) and the catch-up reads of every poll deliver
// overlapping events; each is printed once, in order, and the operation's end decides the exit code.
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { EventView } from "./environments.js";
import { follow } from "./follow.js";
import { report } from "./outcome.js";
import { Portal } from "./portal.js";
import { plainReporter } from "./reporters.js";

const at = new Date("2026-12-01T10:00:00Z");
const event = (id: number, status: string, operationId = "op-2"): EventView => ({
  id: String(id),
  operationId,
  logicalResourceId: id === 5 ? "notes" : `R${id}`,
  resourceType: id === 5 ? "AWS::CloudFormation::Stack" : "AWS::EC2::VPC",
  resourceStatus: status,
  resourceStatusReason: null,
  timestamp: at,
});
// Event 1 belongs to an earlier operation: following op-2 never shows it.
const stored = [
  event(1, "CREATE_COMPLETE", "op-1"),
  event(2, "UPDATE_IN_PROGRESS"),
  event(3, "UPDATE_COMPLETE"),
];
const later = [event(4, "UPDATE_COMPLETE"), event(5, "UPDATE_COMPLETE")];

function fakePortal() {
  let polls = 0;
  const answer = (data: unknown) => Response.json({ result: { data: superjson.serialize(data) } });
  const fetchImpl = (async (url: URL) => {
    const input = JSON.parse(url.searchParams.get("input") ?? "null");
    const args = input ? superjson.deserialize<Record<string, unknown>>(input) : {};
    if (url.pathname.endsWith("/events.onEvents")) {
      // The stream sends everything (overlapping the polls' reads), then stays open.
      const body = [...stored, ...later]
        .map((e) => `id: ${e.id}\ndata: ${JSON.stringify(superjson.serialize(e))}\n\n`)
        .join("");
      return new Response(new Blob([body]).stream(), { headers: { "content-type": "text/event-stream" } });
    }
    if (url.pathname.endsWith("/events.list")) {
      const visible = polls < 2 ? stored : [...stored, ...later];
      return answer(visible.filter((e) => BigInt(e.id) > BigInt((args.after as string | null) ?? 0)));
    }
    polls += 1;
    const status = polls < 3 ? "running" : "succeeded";
    return answer({
      id: "env",
      name: "notes",
      target: "local",
      // Poll 3 reads the environment just before the operation's end is written, its operations just
      // after (two queries): the environment still shows "updating".
      status: polls <= 3 ? "updating" : "live",
      spec: {},
      outputs: { AppUrl: "http://127.0.0.1:20001" },
      operations: [{ id: "op-2", kind: "update", status, errorMessage: null }],
    });
  }) as unknown as typeof fetch;
  return new Portal({ url: "http://portal.test", token: "sy_t", fetch: fetchImpl });
}

describe("following an operation", () => {
  it("prints each of its events once, in order, then its settled result", async () => {
    let out = "";
    const io = { stdout: (t: string) => (out += t), stderr: () => undefined, env: {}, pollMs: 5 };
    const outcome = await follow(
      fakePortal(),
      { environmentId: "env", operationId: "op-2", after: null },
      plainReporter(io),
      io,
    );
    expect(report(outcome, io, { name: "notes", json: false })).toBe(0);
    const ids = out.match(/ R\d| notes /g);
    expect(ids).toEqual([" R2", " R3", " R4", " notes "]);
    expect(out.endsWith("notes: live (UPDATE_COMPLETE) http://127.0.0.1:20001\n")).toBe(true);
  });

  it("stops following, not the operation, when interrupted", async () => {
    const stop = new AbortController();
    stop.abort();
    const io = { stdout: () => undefined, stderr: () => undefined, env: {}, interrupted: stop.signal };
    const request = { environmentId: "env", operationId: "op-2", after: null };
    expect(await follow(fakePortal(), request, plainReporter(io), io)).toEqual({ interrupted: true });
  });
});
