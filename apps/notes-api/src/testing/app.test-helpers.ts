// An in-process app against a scratch database, driven through Fastify's inject (the full request pipeline:
// hooks, parsers, CSRF, error handler), plus a tiny browser-like session for the HTML forms.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { migrate } from "../db/migrate.js";
import { createDbPool } from "../db/pool.js";
import { createLogger } from "../logger.js";
import { createScratchDb, type ScratchDb } from "./db.test-helpers.js";

export interface TestApp {
  app: FastifyInstance;
  scratch: ScratchDb;
  close(): Promise<void>;
}

export async function startTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const scratch = await createScratchDb(label);
  const config = loadConfig({ DATABASE_URL: scratch.url, LOG_LEVEL: "silent", ...env });
  const logger = createLogger("silent");
  await migrate(config.db, logger);
  const pool = createDbPool(config.db);
  const app = await buildApp({ config, pool, logger });
  await app.ready();
  return {
    app,
    scratch,
    close: async () => {
      await app.close();
      await pool.end();
      await scratch.drop();
    },
  };
}

/**
 * Holds cookies between requests the way a browser does (the CSRF secret, the undo-delete note), and finds
 * the token in rendered forms.
 */
export class BrowserSession {
  private readonly jar = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Sets a cookie as if the server had, e.g. to try a forged one. */
  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      const cleared = c.value === "" || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (cleared) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: "GET", url, headers: { cookie: this.cookie } }));
  }

  /** Fetches `formPage`, takes the CSRF token from it, and submits `fields` to `action` like a browser would. */
  async submit(
    formPage: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    const page = await this.get(formPage);
    return this.post(action, { _csrf: csrfToken(page.body), ...fields });
  }

  async post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        headers: { cookie: this.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }
}

export function csrfToken(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error("page has no CSRF token");
  return match[1];
}

/** The value attribute of an input, unescaped, as a browser would show it. */
export function inputValue(body: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(body);
  if (!match) return undefined;
  return (match[1] ?? "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}
