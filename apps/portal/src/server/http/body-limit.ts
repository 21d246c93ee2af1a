// Request bodies are capped before tRPC parses them: a tRPC call is a few kilobytes (a spec, a form), and
// JSON.parse and superjson on a 20 MB body cost memory and CPU that any signed-out client could spend.
// The declared Content-Length is checked first; a body without one (chunked) is counted as it streams,
// and reading stops at the first byte over the limit.
import "server-only";
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request with its body read into memory, or null when the body is over `max` bytes. */
export async function withLimitedBody(request: Request, max = MAX_BODY_BYTES): Promise<Request | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= max)) return null;
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
    signal: request.signal,
  });
}

/** 413 in tRPC's error shape, so the portal's client shows the message like any other refusal. */
export function bodyTooLargeResponse(max = MAX_BODY_BYTES): Response {
  const message = `The request is too large: at most ${max / 1024 / 1024} MB.`;
  const error = { json: { message, code: -32013, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } };
  return new Response(JSON.stringify({ error }), {
    status: 413,
    headers: { "content-type": "application/json", "cache-control": "no-store", connection: "close" },
  });
}
