import type { Pool } from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { checkDatabase, describeDatabaseFailure } from "./readiness.js";

const mysqlError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("describeDatabaseFailure", () => {
  it("names the failure without the host, user or database mysql2 puts in its messages", () => {
    const denied = mysqlError(
      "ER_ACCESS_DENIED_ERROR",
      "Access denied for user 'notes'@'10.0.3.7' (using password: YES)",
    );
    const refused = mysqlError("ECONNREFUSED", "connect ECONNREFUSED 10.0.3.9:3306");
    const dns = mysqlError("ENOTFOUND", "getaddrinfo ENOTFOUND db.internal.example");
    const noDb = mysqlError("ER_BAD_DB_ERROR", "Unknown database 'notes_secret'");
    expect(describeDatabaseFailure(denied, 1000)).toBe("access denied");
    expect(describeDatabaseFailure(refused, 1000)).toBe("connection refused");
    expect(describeDatabaseFailure(dns, 1000)).toBe("host name did not resolve");
    expect(describeDatabaseFailure(noDb, 1000)).toBe("database does not exist");
  });

  it("says how long it waited on a query timeout", () => {
    expect(
      describeDatabaseFailure(mysqlError("PROTOCOL_SEQUENCE_TIMEOUT", "Query inactivity timeout"), 750),
    ).toBe("timed out after 750 ms");
  });

  it("falls back to the error code, never the message", () => {
    const odd = mysqlError("ER_SOMETHING_NEW", "secret host db-1.internal user admin");
    expect(describeDatabaseFailure(odd, 1000)).toBe("query failed (ER_SOMETHING_NEW)");
    expect(describeDatabaseFailure(new Error("password=hunter2"), 1000)).toBe("query failed");
    expect(describeDatabaseFailure(mysqlError("lower case: with host", "x"), 1000)).toBe("query failed");
  });
});

// A pool whose query settles the way a real one would in each case; only `query` is used by the ping.
function poolAnswering(query: () => Promise<unknown>): Pool {
  return { query } as unknown as Pool;
}

describe("checkDatabase", () => {
  it("reports the round trip in milliseconds with two decimals", async () => {
    const pool = poolAnswering(() => new Promise((resolve) => setTimeout(() => resolve([[{ 1: 1 }]]), 30)));
    const { readiness } = await checkDatabase(pool, 1000);
    expect(readiness.ok).toBe(true);
    if (!readiness.ok) return;
    expect(readiness.roundTripMs).toBeGreaterThanOrEqual(25);
    expect(readiness.roundTripMs).toBeLessThan(1000);
    // At most two decimals (x * 100 need not be an integer in floating point, 32.02 * 100 is 3202.0000000000005).
    expect(readiness.roundTripMs).toBe(Number(readiness.roundTripMs.toFixed(2)));
  });

  it("gives up at its own deadline when the connect hangs", async () => {
    const pool = poolAnswering(() => new Promise(() => {}));
    const started = Date.now();
    const { readiness } = await checkDatabase(pool, 200);
    expect(readiness).toEqual({ ok: false, error: "timed out after 200 ms" });
    expect(Date.now() - started).toBeLessThan(600);
  });

  it("keeps the original error as the cause for the log", async () => {
    const refused = mysqlError("ECONNREFUSED", "connect ECONNREFUSED 10.0.3.9:3306");
    const { readiness, cause } = await checkDatabase(
      poolAnswering(() => Promise.reject(refused)),
      1000,
    );
    expect(readiness).toEqual({ ok: false, error: "connection refused" });
    expect(cause).toBe(refused);
  });
});
