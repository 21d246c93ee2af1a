// The team-mode tests' client: tRPC over HTTP as the portal's browser client sends it (superjson), with
// the session cookie a browser keeps, and live subscriptions read as server-sent events.
import superjson from "superjson";

/** Hands the data of each server-sent event (superjson, as tRPC sends it) to `onData`. */
async function readServerSentData(body: ReadableStream<Uint8Array>, onData: (data: unknown) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const data = buffer
        .slice(0, end)
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trim())
        .join("\n");
      buffer = buffer.slice(end + 2);
      if (data) onData(superjson.deserialize(JSON.parse(data)));
    }
  }
}

/** tRPC over HTTP as the browser's client sends it, with the session cookie a browser would keep. */
export class Browser {
  cookie = "";
  /** The last Set-Cookie header the portal sent. */
  setCookie = "";

  constructor(
    private readonly origin: string,
    /** Sent with every request (e.g. an X-Forwarded-For the proxy extends). */
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async mutate<T>(base: string, path: string, input: unknown): Promise<T> {
    const response = await fetch(`${base}/api/trpc/${path}`, {
      method: "POST",
      headers: { ...this.headers(), "content-type": "application/json", origin: this.origin },
      body: JSON.stringify(superjson.serialize(input)),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      this.setCookie = setCookie;
      this.cookie = setCookie.split(";")[0] ?? "";
    }
    return this.result<T>(path, response);
  }

  async query<T>(base: string, path: string, input?: unknown): Promise<T> {
    const query =
      input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.result<T>(path, await fetch(`${base}/api/trpc/${path}${query}`, { headers: this.headers() }));
  }

  /** Opens a subscription (SSE, as httpSubscriptionLink does) and hands each data object to `onData`. */
  subscribe(base: string, path: string, input: unknown, onData: (data: unknown) => void): AbortController {
    const controller = new AbortController();
    const url = `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    void fetch(url, {
      headers: { ...this.headers(), accept: "text/event-stream" },
      signal: controller.signal,
    })
      .then(async (response) => {
        if (!response.ok || !response.body) throw new Error(`${path}: HTTP ${response.status}`);
        await readServerSentData(response.body, onData);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) onData({ streamError: String(error) });
      });
    return controller;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { ...this.extraHeaders, cookie: this.cookie } : { ...this.extraHeaders };
  }

  private async result<T>(path: string, response: Response): Promise<T> {
    const body = (await response.json()) as { result?: { data?: unknown }; error?: unknown };
    if (!response.ok || body.error)
      throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body.error)}`);
    return superjson.deserialize(body.result?.data as never) as T;
  }
}

export interface EventView {
  id: string;
  logicalResourceId: string;
  resourceStatus: string;
}

/** One environment's events as a browser connected to `base` receives them live. */
export function watchEvents(browser: Browser, base: string, environmentId: string) {
  const events: EventView[] = [];
  const errors: string[] = [];
  const stream = browser.subscribe(base, "events.onEvents", { environmentId }, (data) => {
    if (data && typeof data === "object" && "streamError" in data) errors.push(String(data.streamError));
    else if (data && typeof data === "object" && "resourceStatus" in data) events.push(data as EventView);
  });
  const has = (logicalId: string, status: string) =>
    events.some((e) => e.logicalResourceId === logicalId && e.resourceStatus === status);
  return { events, errors, has, close: () => stream.abort() };
}
