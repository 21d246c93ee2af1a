// Readiness: this replica can serve people, i.e. its database answers within a short bound. A proxy or
// target group sends traffic only to replicas that return 200. The body never says why the database
// failed (that detail is in the server's log), only that it did.
import { getPrismaClient } from "@stackyard/db";
import { errorText, logger } from "../../../server/logger";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const DATABASE_TIMEOUT_MS = 2_000;
const headers = { "cache-control": "no-store" };

async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  // Inside the promise: a missing DATABASE_URL throws at the client's creation.
  const query = Promise.resolve()
    .then(() => getPrismaClient().$queryRaw`SELECT 1`)
    .then(() => true)
    .catch((error: unknown) => {
      logger.warn({ error: errorText(error) }, "readyz: database check failed");
      return false;
    });
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function GET() {
  if (await databaseAnswers()) return Response.json({ status: "ready", database: "ok" }, { headers });
  return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers });
}
