// Builds the Fastify app from a config and a pool; main.ts decides when to listen and how to stop.
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import type { Pool } from "mysql2/promise";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { installErrorHandling } from "./error-handler.js";
import { registerApiRoutes } from "./routes/api-notes.js";
import { type Lifecycle, registerHealthRoutes } from "./routes/health.js";
import { registerHtmlRoutes } from "./routes/html-notes.js";
import { registerStaticAssets } from "./routes/static-assets.js";
import { installSecurityHeaders } from "./security-headers.js";

// Notes are at most ~200 characters; anything near this is not a note.
const BODY_LIMIT_BYTES = 16 * 1024;

// Honour a caller's X-Request-Id (nginx, ALB, another service) only when it looks like an id, so a client
// cannot inject newlines or megabytes into every log line.
function requestId(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : randomUUID();
}

// A hop count means "trust the nearest N proxies" (nginx, then the ALB), as proxy-addr defines it.
function trustProxyOption(value: Config["trustProxy"]) {
  return typeof value === "number" ? (_address: string, hop: number) => hop < value : value;
}

// One line per request, when it completes, instead of Fastify's two: the log was a tenth of a list
// request's CPU. Fastify's other request logs (its own error handler, 404s) stay off as before: ours log.
class OneLinePerRequest extends LogController {
  constructor() {
    super({ disableRequestLogging: true });
  }

  override requestCompleted(_error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
}

export interface AppDeps {
  config: Config;
  pool: Pool;
  logger: Logger;
  lifecycle?: Lifecycle;
}

export async function buildApp({
  config,
  pool,
  logger,
  lifecycle = { draining: false },
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (req) => requestId(req.headers["x-request-id"]),
    // Routes use the app's own 404/redirects; /notes/ and /notes should behave the same.
    routerOptions: { ignoreTrailingSlash: true },
    logController: new OneLinePerRequest(),
  });

  app.addHook("onSend", (request, reply, _payload, done) => {
    reply.header("x-request-id", request.id);
    // While draining, tell keep-alive clients to reconnect elsewhere instead of reusing this socket.
    if (lifecycle.draining) reply.header("connection", "close");
    done();
  });

  if (config.proxyProtoHeader !== "x-forwarded-proto") {
    const name = config.proxyProtoHeader;
    // Fastify's request.protocol (and so the CSRF cookie's Secure flag and the API's origin check) reads
    // X-Forwarded-Proto, and only from a trusted proxy. Putting the configured header's value there keeps
    // that trust decision Fastify's: from an untrusted peer it is ignored like any X-Forwarded-Proto.
    app.addHook("onRequest", async (request) => {
      const scheme = request.headers[name];
      if (scheme === "https" || scheme === "http") request.raw.headers["x-forwarded-proto"] = scheme;
    });
  }
  installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: "notes_csrf",
    cookieOpts: { path: "/", httpOnly: true, sameSite: "strict", secure: "auto" },
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });

  installErrorHandling(app);
  registerHealthRoutes(app, pool, lifecycle);
  registerApiRoutes(app, pool);
  registerHtmlRoutes(app, pool);
  registerStaticAssets(app);
  return app;
}
