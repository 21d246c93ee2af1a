// One mysql2 pool per process. Timeouts are short on purpose: when the database is gone, a request should
// fail fast with 503 rather than hang until the load balancer gives up.
import { createPool, type Pool, type PoolOptions } from "mysql2/promise";
import type { DbConfig } from "../config.js";

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

export function createDbPool(db: DbConfig): Pool {
  return createPool({
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
  });
}
