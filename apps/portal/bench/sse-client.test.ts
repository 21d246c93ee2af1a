import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { readServerSentEvents, type SseMessage } from "./sse-client";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  for await (const message of readServerSentEvents(streamOf(chunks))) messages.push(message);
  return messages;
}

describe("the benchmark's server-sent events reader", () => {
  it("reads tracked values, superjson included, even when a message is split across chunks", async () => {
    const data = JSON.stringify(superjson.serialize({ logicalResourceId: "Vpc", timestamp: new Date(0) }));
    const text = `event: connected\ndata: {}\n\nid: 42\ndata: ${data}\n\n`;
    const messages = await collect([text.slice(0, 30), text.slice(30, 61), text.slice(61)]);
    expect(messages).toEqual([
      { event: "connected", id: undefined, data: "{}" },
      { event: "message", id: "42", data: { logicalResourceId: "Vpc", timestamp: new Date(0) } },
    ]);
  });

  it("skips comments and keeps named events apart from values", async () => {
    const messages = await collect([
      ": keep-alive\n\nevent: ping\ndata: \n\nevent: serialized-error\ndata: boom\n\n",
    ]);
    expect(messages.map((m) => m.event)).toEqual(["ping", "serialized-error"]);
    expect(messages[1]?.data).toBe("boom");
  });

  it("yields nothing for an incomplete last message", async () => {
    expect(await collect(['id: 1\ndata: {"json":1}\n'])).toEqual([]);
  });
});
