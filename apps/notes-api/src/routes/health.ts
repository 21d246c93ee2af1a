// /healthz answers "is the process alive" (ALB target health, container HEALTHCHECK) and never touches the
// database, so a database outage doesn't get every task killed. /readyz answers "should I get traffic", and
// reports the database round trip so the portal's readiness probe can tell the app hop from the database hop.
import type { FastifyInstance } from "fastify";
import type { Pool } from "mysql2/promise";
import { checkDatabase } from "../db/readiness.js";

export interface Lifecycle {
  draining: boolean;
}

const READINESS_TIMEOUT_MS = 1000;

export function registerHealthRoutes(app: FastifyInstance, pool: Pool, lifecycle: Lifecycle): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    reply.header("cache-control", "no-store");
    if (lifecycle.draining) return reply.code(503).send({ status: "draining" });
    const { readiness, cause } = await checkDatabase(pool, READINESS_TIMEOUT_MS);
    if (readiness.ok) return { status: "ready", database: readiness };
    // The full error goes to our own log (pino's serializer; mysql2's sql is stripped); the body gets the
    // short reason only.
    request.log.warn({ err: cause, reason: readiness.error }, "readiness check: database unreachable");
    return reply.code(503).send({ status: "database unavailable", database: readiness });
  });
}
