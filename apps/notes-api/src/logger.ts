// pino JSON lines on stdout. Serializers keep requests to method/url/ids: headers carry cookies and CSRF
// tokens, and bodies carry user text, so neither is ever logged.
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Logger, pino } from "pino";

// mysql2 attaches the SQL with its values inlined to errors: drop it, the values are user text.
function serializeError(error: Error): Record<string, unknown> {
  const {
    sql: _sql,
    sqlMessage: _sqlMessage,
    ...rest
  } = pino.stdSerializers.err(error) as Record<string, unknown>;
  return rest;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: req.url, remoteAddress: req.ip }),
      res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  });
}
