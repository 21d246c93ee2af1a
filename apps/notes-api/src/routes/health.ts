// /healthz answers "is the process alive" (ALB target health, container HEALTHCHECK) and never touches the
// database, so a database outage doesn't get every task killed. /readyz answers "should I get traffic".
import type { FastifyInstance } from "fastify";
import type { Pool } from "mysql2/promise";
import { pingDatabase } from "../db/notes-repo.js";

export interface Lifecycle {
  draining: boolean;
}

export function registerHealthRoutes(app: FastifyInstance, pool: Pool, lifecycle: Lifecycle): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (request, reply) => {
    reply.header("cache-control", "no-store");
    if (lifecycle.draining) return reply.code(503).send({ status: "draining" });
    try {
      await pingDatabase(pool, 1000);
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ err: error }, "readiness check: database unreachable");
      return reply.code(503).send({ status: "database unavailable" });
    }
  });
}
