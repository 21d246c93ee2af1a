// Readiness without a database: a replica whose database refuses it must answer 503 quickly, and say
// nothing about why (the reason goes to the server's log only).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const saved = process.env.DATABASE_URL;
beforeAll(() => {
  // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
  process.env.DATABASE_URL = "mysql://portal:s3cret@127.0.0.1:1/stackyard";
});
afterAll(() => {
  process.env.DATABASE_URL = saved;
});

describe("GET /api/readyz and /api/healthz", () => {
  it("answers 503 without detail while the database is unreachable, and never caches", async () => {
    const { GET } = await import("./route");
    const started = Date.now();
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("says the process is alive without touching the database", async () => {
    const { GET } = await import("../healthz/route");
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
