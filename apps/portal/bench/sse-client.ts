// What the browser's httpSubscriptionLink does, in Node (which has no EventSource): a GET of the
// subscription with the superjson-encoded input, then server-sent events parsed as they arrive. Each
// message's data is the superjson-serialised value the procedure yielded; `id:` is its tracked() cursor.
import superjson from "superjson";

export interface SseMessage {
  event: string;
  id: string | undefined;
  data: unknown;
}

export function subscriptionUrl(baseUrl: string, path: string, input: unknown): string {
  return `${baseUrl}/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

/** Splits an SSE byte stream into messages (the WHATWG event-stream rules this server's output needs). */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let end = buffered.indexOf("\n\n");
    while (end >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const message = parseBlock(block);
      if (message) yield message;
      end = buffered.indexOf("\n\n");
    }
  }
}

function parseBlock(block: string): SseMessage | null {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0 && event === "message") return null;
  const text = data.join("\n");
  const parsed = event === "message" && text ? superjson.deserialize(JSON.parse(text)) : text;
  return { event, id, data: parsed };
}

/**
 * Subscribes and calls onMessage for every value the procedure yields, until the signal aborts.
 * A refused subscription or an error event rejects: a benchmark must not count silence as speed.
 */
export async function subscribe(
  url: string,
  cookie: string,
  onMessage: (data: unknown, id: string | undefined) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, { headers: { accept: "text/event-stream", cookie }, signal });
  if (!response.ok || !response.body) throw new Error(`subscription refused: HTTP ${response.status}`);
  try {
    for await (const message of readServerSentEvents(response.body)) {
      if (message.event === "serialized-error") throw new Error(`subscription error: ${message.data}`);
      if (message.event === "message") onMessage(message.data, message.id);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
