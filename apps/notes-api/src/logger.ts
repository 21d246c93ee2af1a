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

/**
 * Asynchronous writes: a synchronous write to stdout blocks the event loop whenever the reader (the ECS log
 * driver's pipe) is slow, and costs a system call per line; asynchronously, lines logged while one write is
 * in flight leave together in the next. Nothing is held back when idle (no minimum length), and pino
 * flushes what is pending synchronously on process exit (process.exit, a fatal error, an uncaught
 * exception: see main.ts), so a crash loses no line. Only SIGKILL can drop a write still in flight.
 * https://getpino.io/#/docs/asynchronous
 */
function stdoutDestination(sync: boolean) {
  return pino.destination({ dest: 1, sync });
}

export function createLogger(level: string, { sync = false }: { sync?: boolean } = {}): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: req.url, remoteAddress: req.ip }),
        res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
    stdoutDestination(sync),
  );
}
