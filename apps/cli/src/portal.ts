// A small client of the portal's tRPC HTTP API (superjson on the wire), authenticated with a personal
// API token. Every failure becomes a CliError with one line a person can act on; nothing here prints.
import superjson from "superjson";

export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the operation or the portal failed; 2: the input was wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export interface PortalOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

interface TrpcErrorBody {
  message?: string;
  data?: { code?: string; fieldErrors?: { path: string; message: string }[] | null };
}

export class Portal {
  readonly base: URL;
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: PortalOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new CliError(`STACKYARD_URL is not a URL: ${options.url}`, 2);
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new CliError(`STACKYARD_URL must be an http(s) URL: ${options.url}`, 2);
    }
    this.base = base;
    this.doFetch = options.fetch ?? fetch;
  }

  query<T>(path: string, input?: unknown): Promise<T> {
    const url = this.endpoint(path);
    if (input !== undefined) url.searchParams.set("input", JSON.stringify(superjson.serialize(input)));
    return this.send<T>(path, url, { method: "GET" });
  }

  mutate<T>(path: string, input: unknown): Promise<T> {
    return this.send<T>(path, this.endpoint(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    });
  }

  private endpoint(path: string): URL {
    return new URL(`api/trpc/${path}`, this.base.href.endsWith("/") ? this.base : `${this.base.href}/`);
  }

  private async send<T>(path: string, url: URL, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.doFetch(url, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${this.options.token}`,
        },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(`cannot reach the portal at ${this.base.origin} (${why})`);
    }
    let body: { result?: { data?: unknown }; error?: unknown };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new CliError(`the portal at ${this.base.origin} answered ${response.status} without tRPC JSON`);
    }
    if (body.error !== undefined) {
      const error = superjson.deserialize<TrpcErrorBody>(body.error as never) ?? {};
      const fields = error.data?.fieldErrors ?? [];
      const detail = fields.length
        ? fields.map((f) => `${f.path || "(input)"}: ${f.message}`).join("; ")
        : (error.message ?? `HTTP ${response.status}`);
      const code = error.data?.code;
      if (code === "UNAUTHORIZED") throw new CliError(`not authorised: ${detail}`);
      if (code === "FORBIDDEN") throw new CliError(`refused: ${detail}`);
      throw new CliError(code === "BAD_REQUEST" ? `invalid input: ${detail}` : `${path}: ${detail}`);
    }
    return superjson.deserialize<T>(body.result?.data as never);
  }
}
