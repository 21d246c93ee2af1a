// A request body over 1 MB is refused with 413 before tRPC parses it or builds a context (which reads
// the session from the database): declared by Content-Length, or streamed without one.
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "./body-limit";
import { handleTrpcRequest } from "./trpc-handler";

const URL_SIGN_IN = "http://127.0.0.1:3000/api/trpc/auth.signIn";
const HEADERS = {
  host: "127.0.0.1:3000",
  origin: "http://127.0.0.1:3000",
  "content-type": "application/json",
};

/** A valid sign-in body padded to `bytes` (JSON whitespace), so only its size can make it fail. */
function paddedBody(bytes: number): string {
  const json = JSON.stringify({ json: { email: "a@example.test", password: "x" } });
  return json + " ".repeat(Math.max(0, bytes - json.length));
}

function streamOf(text: string, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  const body = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function send(request: Request) {
  let contexts = 0;
  const response = await handleTrpcRequest(request, async () => {
    contexts += 1;
    throw new Error("stop here: the body was accepted");
  });
  return { status: response.status, contexts, body: await response.text() };
}

describe("the tRPC request body limit", () => {
  it("refuses a 20 MB body by its Content-Length with 413, before any parsing", async () => {
    const body = paddedBody(20 * MAX_BODY_BYTES);
    const result = await send(
      new Request(URL_SIGN_IN, {
        method: "POST",
        headers: { ...HEADERS, "content-length": String(body.length) },
        body,
      }),
    );
    expect(result).toMatchObject({ status: 413, contexts: 0 });
    expect(result.body).toMatch(/too large: at most 1 MB/);
  });

  it("counts a body sent without Content-Length as it streams", async () => {
    const result = await send(
      new Request(URL_SIGN_IN, {
        method: "POST",
        headers: HEADERS,
        body: streamOf(paddedBody(MAX_BODY_BYTES + 1)),
        duplex: "half",
      } as RequestInit),
    );
    expect(result).toMatchObject({ status: 413, contexts: 0 });
  });

  it("lets a body of exactly 1 MB through to tRPC", async () => {
    const result = await send(
      new Request(URL_SIGN_IN, {
        method: "POST",
        headers: HEADERS,
        body: streamOf(paddedBody(MAX_BODY_BYTES)),
        duplex: "half",
      } as RequestInit),
    );
    expect(result.status).not.toBe(413);
    expect(result.contexts).toBe(1);
  });
});
