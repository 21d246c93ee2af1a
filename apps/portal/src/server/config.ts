// The portal's own settings from the environment, checked once at start (`npm run serve`, the container's
// command): each problem is one line naming the variable, so a misconfigured replica stops before it
// listens instead of failing on the first request. Runs under plain Node (type stripping) as well as
// inside Next.js, hence the explicit .ts extensions, no path aliases and only erasable TypeScript syntax.
import { isIP } from "node:net";
import { DEFAULT_EXPIRY_INTERVAL_MS, expiryIntervalMs } from "./environments/expiry-interval.ts";
import { parseTrustProxy, type TrustedProxies } from "./http/trusted-proxy.ts";

export interface PortalConfig {
  /** HOST: the address to listen on (127.0.0.1 unless a proxy on another machine must reach it). */
  host: string;
  /** PORT: the TCP port to listen on. */
  port: number;
  /** DATABASE_URL: the portal's MySQL/MariaDB database (never printed: it holds a password). */
  databaseUrl: string;
  /** STACKYARD_PUBLIC_URL as an origin (what browsers type), or null for http://127.0.0.1:PORT. */
  publicOrigin: string | null;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For/-Proto count (see http/trusted-proxy.ts). */
  trustProxy: TrustedProxies;
  /** STACKYARD_MIGRATE_AT_START: apply pending migrations (under the database lock) before listening. */
  migrateAtStart: boolean;
  /** LOG_LEVEL: the server log's threshold (server/logger.ts; pino would throw on another name). */
  logLevel: string;
  /** STACKYARD_EXPIRY_INTERVAL_MS: how often expired environments are deleted (environments/expiry-*.ts). */
  expiryIntervalMs: number;
}

export class PortalConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.name = "PortalConfigError";
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;
type Problems = string[];

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

function readHost(env: Env, problems: Problems): string {
  const host = env.HOST?.trim() || "127.0.0.1";
  if (isIP(host) === 0 && !HOSTNAME.test(host)) {
    problems.push(`HOST must be an IP address or a host name to listen on (e.g. 0.0.0.0), not "${host}"`);
  }
  return host;
}

function readPort(env: Env, problems: Problems): number {
  const raw = env.PORT?.trim() || "3000";
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) problems.push(`PORT must be a TCP port from 1 to 65535, not "${raw}"`);
  return port;
}

function readDatabaseUrl(env: Env, problems: Problems): string {
  const url = env.DATABASE_URL?.trim() ?? "";
  if (!url) {
    problems.push(
      "DATABASE_URL is not set: give the portal's database as mysql://user:password@host:3306/name",
    );
    return "";
  }
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // The value is not echoed: it holds a password.
    problems.push("DATABASE_URL is not a URL (expected mysql://user:password@host:3306/name)");
    return url;
  }
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
    problems.push(`DATABASE_URL must start with mysql:// or mariadb:// (got ${parsed.protocol}//)`);
  } else if (!parsed.hostname) {
    problems.push("DATABASE_URL names no host (mysql://user:password@host:3306/name)");
  } else if (parsed.pathname.replace(/^\//, "") === "") {
    problems.push("DATABASE_URL names no database (add /<database> after the host)");
  }
  return url;
}

function readPublicOrigin(env: Env, problems: Problems): string | null {
  const raw = env.STACKYARD_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(
      `STACKYARD_PUBLIC_URL must be an http(s) URL such as https://portal.example.com, not "${raw}"`,
    );
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    problems.push(`STACKYARD_PUBLIC_URL must be an http(s) URL, not ${url.protocol}// ("${raw}")`);
    return null;
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    problems.push(
      `STACKYARD_PUBLIC_URL must be an origin only (scheme, host, port): the portal is served at /, not "${raw}"`,
    );
    return null;
  }
  return url.origin;
}

function readTrustProxy(env: Env, problems: Problems): TrustedProxies {
  try {
    return parseTrustProxy(env.TRUST_PROXY);
  } catch (error) {
    problems.push((error as Error).message);
    return { kind: "none" };
  }
}

function readSwitch(env: Env, name: string, fallback: boolean, problems: Problems): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  problems.push(`${name} must be true or false, not "${env[name]}"`);
  return fallback;
}

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

function readLogLevel(env: Env, problems: Problems): string {
  const level = env.LOG_LEVEL?.trim() || "info";
  if (!LOG_LEVELS.includes(level))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${level}"`);
  return level;
}

function readExpiryInterval(env: Env, problems: Problems): number {
  try {
    return expiryIntervalMs(env);
  } catch (error) {
    problems.push((error as Error).message);
    return DEFAULT_EXPIRY_INTERVAL_MS;
  }
}

/** Reads and checks every setting; throws PortalConfigError listing all problems at once. */
export function readPortalConfig(env: Env = process.env): PortalConfig {
  const problems: Problems = [];
  const config: PortalConfig = {
    host: readHost(env, problems),
    port: readPort(env, problems),
    databaseUrl: readDatabaseUrl(env, problems),
    publicOrigin: readPublicOrigin(env, problems),
    trustProxy: readTrustProxy(env, problems),
    migrateAtStart: readSwitch(env, "STACKYARD_MIGRATE_AT_START", true, problems),
    logLevel: readLogLevel(env, problems),
    expiryIntervalMs: readExpiryInterval(env, problems),
  };
  readOptionalUrl(env, "AWS_ENDPOINT_URL_CLOUDFORMATION", problems);
  // Off the loopback, browsers use another name than http://127.0.0.1:PORT: without the public URL every
  // sign-in would be refused by the origin check (security/origin.ts).
  if (problems.length === 0 && !LOOPBACK.has(config.host) && !config.publicOrigin) {
    problems.push(
      `STACKYARD_PUBLIC_URL is required when HOST is ${config.host}: set it to the URL people open (e.g. https://portal.example.com)`,
    );
  }
  if (problems.length > 0) throw new PortalConfigError(problems);
  return config;
}

/** Advice that does not stop the portal: settings that work but are probably not what was meant. */
export function configWarnings(config: PortalConfig): string[] {
  const warnings: string[] = [];
  if (config.publicOrigin?.startsWith("https:") && config.trustProxy.kind === "none") {
    warnings.push(
      "STACKYARD_PUBLIC_URL is https but TRUST_PROXY is unset: the TLS proxy's X-Forwarded-Proto/-For are ignored, so session cookies are not marked Secure and every client appears to come from the proxy's address",
    );
  }
  return warnings;
}

/** What the running portal reads at request time: everything but the database, which Prisma reads itself. */
export type RuntimeConfig = Pick<PortalConfig, "port" | "publicOrigin" | "trustProxy" | "logLevel"> & {
  /** AWS_REGION: where STS is asked who the portal is (default us-east-1). */
  awsRegion: string;
  /** AWS_ENDPOINT_URL_CLOUDFORMATION: another CloudFormation endpoint (LocalStack), else AWS's. */
  cloudFormationEndpoint: string | undefined;
};

function readOptionalUrl(env: Env, name: string, problems: Problems): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    problems.push(`${name} must be an http(s) URL, not "${raw}"`);
  }
  return raw;
}

/** Reads and checks the runtime settings; throws PortalConfigError listing every problem. */
export function readRuntimeConfig(env: Env = process.env): RuntimeConfig {
  const problems: Problems = [];
  const config: RuntimeConfig = {
    port: readPort(env, problems),
    publicOrigin: readPublicOrigin(env, problems),
    trustProxy: readTrustProxy(env, problems),
    logLevel: readLogLevel(env, problems),
    awsRegion: env.AWS_REGION?.trim() || "us-east-1",
    cloudFormationEndpoint: readOptionalUrl(env, "AWS_ENDPOINT_URL_CLOUDFORMATION", problems),
  };
  if (problems.length > 0) throw new PortalConfigError(problems);
  return config;
}

let runtime: RuntimeConfig | undefined;

/** The runtime settings of this process, read and checked once (npm run serve checked them at start). */
export function runtimeConfig(): RuntimeConfig {
  runtime ??= readRuntimeConfig();
  return runtime;
}
