// One parser for the portal's DATABASE_URL, so every consumer fails the same clear way.
export interface DatabaseConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export class DatabaseUrlError extends Error {}

export function parseDatabaseUrl(url: string | undefined, variable = "DATABASE_URL"): DatabaseConfig {
  if (!url) {
    throw new DatabaseUrlError(
      `${variable} is not set. Start the local services (npm run services:up) and load .data/dev/services.env, or set ${variable}=mysql://user:password@host:3306/database`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(
      `${variable} is not a valid URL (expected mysql://user:password@host:port/database)`,
    );
  }
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
    throw new DatabaseUrlError(
      `${variable} must start with mysql:// or mariadb:// (got ${parsed.protocol}//)`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new DatabaseUrlError(`${variable} names no database (add /<database> after the host)`);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}
