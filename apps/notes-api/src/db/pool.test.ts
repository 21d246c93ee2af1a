// setPoolCredentials reaches into mysql2's pool config (see its comment): this pins that shape, so an
// upgrade that moves it fails here rather than as failed logins after the first rotation in production.
import { describe, expect, it } from "vitest";
import { createDbPool, setPoolCredentials } from "./pool.js";

describe("setPoolCredentials", () => {
  it("changes what the next connection logs in with", async () => {
    const pool = createDbPool({
      host: "127.0.0.1",
      port: 1,
      database: "notes",
      user: "old-user",
      password: "old-pw",
      tls: "off",
      poolSize: 1,
    });
    setPoolCredentials(pool, { user: "new-user", password: "new-pw" });
    const config = (
      pool.pool as unknown as { config: { connectionConfig: { user: string; password: string } } }
    ).config.connectionConfig;
    expect(config).toMatchObject({ user: "new-user", password: "new-pw" });
    // What mysql2 gives each new connection: a copy of exactly this object (lib/base/pool.js).
    const copy = (
      pool.pool as unknown as { _createConnectionConfig(): { user: string; password: string } }
    )._createConnectionConfig();
    expect(copy).toMatchObject({ user: "new-user", password: "new-pw" });
    await pool.end();
  });
});
