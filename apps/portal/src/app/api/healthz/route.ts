// Liveness for a load balancer or container runtime: the process answers. It touches no database, so a
// database outage makes replicas unready (see /api/readyz), never gets them killed and restarted.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
