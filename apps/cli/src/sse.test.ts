import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { parseBlock, subscriptionValues } from "./sse.js";

/** A stream that delivers the text in awkward pieces, as a network does. */
function streamOf(text: string, piece = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

const message = (id: string, value: unknown) =>
  `id: ${id}\ndata: ${JSON.stringify(superjson.serialize(value))}\n\n`;

async function collect<T>(stream: ReadableStream<Uint8Array>) {
  const values: T[] = [];
  for await (const value of subscriptionValues<T>("events.onEvents", stream)) values.push(value);
  return values;
}

describe("the portal's event stream", () => {
  it("parses fields, comments and multi-line data", () => {
    expect(parseBlock("event: ping\ndata: ")).toEqual({ event: "ping", data: "" });
    expect(parseBlock(": comment\nid: 7\ndata: a\ndata: b")).toEqual({
      event: "message",
      data: "a\nb",
      id: "7",
    });
    expect(parseBlock(": only a comment")).toBeNull();
  });

  it("yields each tracked value with its dates restored, skipping connect and ping", async () => {
    const at = new Date("2026-12-01T10:00:00Z");
    const text = `event: connected\ndata: {}\n\n${message("1", { id: "1", timestamp: at })}event: ping\ndata: \n\n${message("2", { id: "2", timestamp: at })}event: return\ndata: \n\n`;
    const values = await collect<{ id: string; timestamp: Date }>(streamOf(text.replace(/\n/g, "\r\n")));
    expect(values.map((v) => v.id)).toEqual(["1", "2"]);
    expect(values[0]?.timestamp).toEqual(at);
  });

  it("ends with the procedure's error as one line", async () => {
    const error = { message: "Your session ended: sign in again.", data: { code: "UNAUTHORIZED" } };
    const text = `event: serialized-error\ndata: ${JSON.stringify(superjson.serialize(error))}\n\n`;
    await expect(collect(streamOf(text))).rejects.toThrow(
      new CliError("not authorised: Your session ended: sign in again."),
    );
  });
});
