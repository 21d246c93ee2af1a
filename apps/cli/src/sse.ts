// Reads a tRPC subscription's server-sent events (the portal's live event stream): each message's data
// is superjson, its id the cursor; "serialized-error" ends the stream with the procedure's error.
import superjson from "superjson";
import { trpcError } from "./portal.js";

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Splits a byte stream into SSE messages (blank-line separated; "field: value" lines). */
async function* sseMessages(stream: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, "\n");
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const message = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message) yield message;
      end = buffer.indexOf("\n\n");
    }
  }
}

export function parseBlock(block: string): SseMessage | null {
  const message: SseMessage = { event: "message", data: "" };
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") message.event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") message.id = value;
  }
  message.data = data.join("\n");
  return data.length || message.id !== undefined || message.event !== "message" ? message : null;
}

/** The subscription's values, in order; returns when the server ends the stream. */
export async function* subscriptionValues<T>(
  path: string,
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<T> {
  for await (const message of sseMessages(stream)) {
    if (message.event === "serialized-error") {
      const error = superjson.deserialize(JSON.parse(message.data)) as { message?: string };
      throw trpcError(path, error, 200);
    }
    if (message.event === "return") return;
    if (message.event !== "message" || !message.data) continue;
    yield superjson.deserialize<T>(JSON.parse(message.data));
  }
}
