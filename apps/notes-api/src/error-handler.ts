// The one error handler: every failure, ours or Fastify's, leaves as JSON under /api and as a page elsewhere.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError, isDatabaseUnavailable } from "./http-error.js";
import { errorPage } from "./views/layout.js";

// Fastify's own 4xx errors, reworded for people (their messages name internals).
const FRIENDLY: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "The request body is too large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "Unsupported content type; send JSON with Content-Type: application/json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "The JSON body is empty",
  FST_ERR_CTP_INVALID_JSON_BODY: "The body is not valid JSON",
  FST_CSRF_INVALID_TOKEN: "This form has expired or came from another site. Reload the page and try again.",
  FST_CSRF_MISSING_SECRET: "This form has expired or came from another site. Reload the page and try again.",
};

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (isDatabaseUnavailable(error))
    return new HttpError(503, "The database is unavailable right now; try again");
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // JSON.parse failures reach us as SyntaxError with statusCode 400 and no Fastify code.
    const fallback =
      error instanceof SyntaxError ? FRIENDLY.FST_ERR_CTP_INVALID_JSON_BODY : fastifyError.message;
    return new HttpError(status, FRIENDLY[fastifyError.code ?? ""] ?? fallback ?? "Bad request");
  }
  return new HttpError(500, "Something went wrong on our side");
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url === "/api" || request.url.startsWith("/api/");
}

function send(request: FastifyRequest, reply: FastifyReply, error: HttpError) {
  if (error.statusCode === 503) reply.header("retry-after", "5");
  reply.code(error.statusCode);
  if (wantsJson(request)) {
    const [first] = error.fields;
    return reply.send({
      statusCode: error.statusCode,
      message: error.message,
      ...(first ? { field: first.field, errors: error.fields } : {}),
      ...error.details,
    });
  }
  return reply.type("text/html; charset=utf-8").send(errorPage(error.statusCode, error.message).value);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const httpError = toHttpError(error);
    if (httpError.statusCode >= 500) {
      const level = httpError.statusCode === 503 ? "warn" : "error";
      request.log[level]({ err: error }, "request failed");
    }
    return send(request, reply, httpError);
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      request,
      reply,
      new HttpError(404, `Nothing here at ${request.method} ${request.url.split("?")[0]}`),
    ),
  );
}
