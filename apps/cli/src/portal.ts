// A small client of the portal's tRPC HTTP API (superjson on the wire), authenticated with a personal
// API token. Every failure becomes a CliError with one line a person can act on; nothing here prints.
import superjson from "superjson";
import { CliError } from "./errors.js";

export { CliError } from "./errors.js";

export interface PortalOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

interface TrpcErrorBody {
  message?: string;
  data?: { code?: string; fieldErrors?: { path: string; message: string }[] | null };
}

/** One line from a tRPC error: field errors by path, and what the code means for the user. */
export function trpcError(path: string, error: TrpcErrorBody, status: number): CliError {
  const fields = error.data?.fieldErrors ?? [];
  const detail = fields.length
    ? fields.map((f) => `${f.path || "(input)"}: ${f.message}`).join("; ")
    : (error.message ?? `HTTP ${status}`);
  const code = error.data?.code;
  if (code === "UNAUTHORIZED") return new CliError(`not authorised: ${detail}`);
  if (code === "FORBIDDEN") return new CliError(`refused: ${detail}`);
  // A spec the portal refuses (its checks, a taken name) is bad input, like one refused here.
  if (code === "BAD_REQUEST" || (code === "CONFLICT" && fields.length)) {
    return new CliError(`invalid input: ${detail}`, 2);
  }
  return new CliError(`${path}: ${detail}`);
}

export class Portal {
  readonly base: URL;
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: PortalOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new CliError(`the portal URL is not a URL: ${options.url}`, 2);
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new CliError(`the portal URL must be http(s): ${options.url}`, 2);
    }
    this.base = base;
    this.doFetch = options.fetch ?? fetch;
  }

  query<T>(path: string, input?: unknown): Promise<T> {
    return this.send<T>(path, this.endpoint(path, input), { method: "GET" });
  }

  mutate<T>(path: string, input: unknown): Promise<T> {
    return this.send<T>(path, this.endpoint(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    });
  }

  /** A subscription's server-sent event stream (the caller parses it); errors before it starts throw. */
  async subscribe(path: string, input: unknown, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const response = await this.request(this.endpoint(path, input), {
      method: "GET",
      headers: { accept: "text/event-stream" },
      signal,
    });
    if (response.ok && response.body && /event-stream/.test(response.headers.get("content-type") ?? "")) {
      return response.body;
    }
    await this.answer(path, response);
    throw new CliError(`${path}: the portal did not open an event stream (HTTP ${response.status})`);
  }

  private endpoint(path: string, input?: unknown): URL {
    const url = new URL(`api/trpc/${path}`, this.base.href.endsWith("/") ? this.base : `${this.base.href}/`);
    if (input !== undefined) url.searchParams.set("input", JSON.stringify(superjson.serialize(input)));
    return url;
  }

  private async request(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await this.doFetch(url, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${this.options.token}`,
        },
        signal: init.signal ?? AbortSignal.timeout(30_000),
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(`cannot reach the portal at ${this.base.origin} (${why})`);
    }
  }

  private async send<T>(path: string, url: URL, init: RequestInit): Promise<T> {
    return this.answer<T>(path, await this.request(url, init));
  }

  private async answer<T>(path: string, response: Response): Promise<T> {
    let body: { result?: { data?: unknown }; error?: unknown };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new CliError(`the portal at ${this.base.origin} answered ${response.status} without tRPC JSON`);
    }
    if (body.error !== undefined) {
      const error = superjson.deserialize<TrpcErrorBody>(body.error as never) ?? {};
      throw trpcError(path, error, response.status);
    }
    return superjson.deserialize<T>(body.result?.data as never);
  }
}
