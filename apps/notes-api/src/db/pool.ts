// One mysql2 pool per process. Timeouts are short on purpose: when the database is gone, a request should
// fail fast with 503 rather than hang until the load balancer gives up.
import { createPool, type Pool, type PoolOptions } from "mysql2/promise";
import type { DbConfig } from "../config.js";
import { type CredentialSource, type DbCredentials, isAccessDenied } from "./credentials.js";

export const QUERY_TIMEOUT_MS = 5000;

export function connectionOptions(db: DbConfig): PoolOptions {
  return {
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ssl: db.tls === "rds" ? "Amazon RDS" : undefined,
    connectTimeout: 3000,
    timezone: "Z",
    charset: "utf8mb4_unicode_ci",
    // Never allow stacked statements from the app pool: one more wall behind parameterised SQL.
    multipleStatements: false,
  };
}

/** `db` must hold the source's current credentials (withCredentials); the pool follows later changes. */
export function createDbPool(db: DbConfig, source?: CredentialSource): Pool {
  const pool = createPool({
    ...connectionOptions(db),
    connectionLimit: db.poolSize,
    maxIdle: db.poolSize,
    idleTimeout: 60_000,
    enableKeepAlive: true,
    waitForConnections: true,
    // A bounded queue: under a dead database, waiting requests fail instead of piling up.
    queueLimit: 500,
    // DATETIME(3) as the server's text: turning it into an ISO string directly (notes-repo) skips building a
    // Date per value, a few per cent of a list request's CPU.
    dateStrings: ["DATETIME"],
    // mysql2's promise API captures a stack trace on every query so an error can point at its caller: 2-4 %
    // of a request's CPU (bench/notes-api-profile.md). Our errors are logged by route and request id instead.
    trace: false,
    // Each connection pre-allocates its prepared-statement cache (mysql2: 16,000 slots, ~0.5 MB of heap per
    // connection). We never prepare (execute decoded a page of 50 rows slower than query: the profile).
    maxPreparedStatements: 16,
  });
  if (source) refreshOnAccessDenied(pool, source);
  return pool;
}

/**
 * The credentials the pool opens new connections with. mysql2 copies its pool's connection config into each
 * new connection (lib/base/pool.js, _createConnectionConfig), so changing it there changes the next
 * connection's login and leaves open connections alone: MySQL keeps a session after its user's password
 * changes, so nothing in flight is dropped. A mysql2 upgrade that moves this fails pool.test.ts.
 */
export function setPoolCredentials(pool: Pool, credentials: DbCredentials): void {
  const config = (pool.pool as unknown as { config?: { connectionConfig?: Record<string, unknown> } }).config
    ?.connectionConfig;
  if (!config || !("password" in config))
    throw new Error("mysql2's pool no longer exposes its connection config");
  config.user = credentials.user;
  config.password = credentials.password;
}

/**
 * A refused login (ER_ACCESS_DENIED_ERROR can only come from opening a connection, before any statement
 * ran) re-reads the secret, points the pool at it, and retries once: a rotated password costs one extra
 * round trip, not a failed request. Refused again, the error stands (503 to the client).
 */
function refreshOnAccessDenied(pool: Pool, source: CredentialSource): void {
  const refresh = async () => setPoolCredentials(pool, await source.refresh());
  const retrying =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (!isAccessDenied(error)) throw error;
        await refresh();
        return call(...args);
      }
    };
  pool.query = retrying(pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>) as Pool["query"];
  pool.execute = retrying(
    pool.execute.bind(pool) as (...args: unknown[]) => Promise<unknown>,
  ) as Pool["execute"];
  pool.getConnection = retrying(pool.getConnection.bind(pool));
}
