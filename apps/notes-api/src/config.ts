// Configuration comes only from the environment and is parsed once, here. A bad value must stop the
// process before it listens, with the variable named, so a broken task definition fails its deployment
// instead of serving errors.
import { z } from "zod";
import { availableCpus } from "./cpus.js";

const intInRange = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const booleanString = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

// TRUST_PROXY mirrors Fastify's trustProxy: true/false, a hop count, or a comma list of addresses/CIDRs.
const trustProxy = z
  .string()
  .trim()
  .min(1)
  .transform((v): boolean | number | string[] => {
    if (v === "true" || v === "false") return v === "true";
    if (/^\d+$/.test(v)) return Number(v);
    return v.split(",").map((s) => s.trim());
  });

// The header a trusted proxy puts the browser's scheme in. Behind nginx and the internal ALB it cannot be
// X-Forwarded-Proto: the ALB overwrites that with the scheme of its own listener (http), so nginx sends
// X-Stackyard-Proto (which the ALB passes on untouched) and the template sets PROXY_PROTO_HEADER to it.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html
const proxyProtoHeader = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^x-[a-z0-9-]{1,64}$/, "must be a header name like x-forwarded-proto");

// The JSON secret ECS injects from an RDS-managed Secrets Manager secret.
const dbSecret = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON like {"username":"..","password":".."}' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ username: z.string().min(1), password: z.string() }));

// arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>; RDS names its managed secrets rds!db-<uuid>.
const secretArn = z
  .string()
  .trim()
  .regex(
    /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@!-]+$/,
    "must be a Secrets Manager secret ARN",
  );

const databaseUrl = z
  .url({ protocol: /^(mysql|mariadb)$/, error: "must be a mysql://user:password@host:port/db URL" })
  .transform((v) => new URL(v));

const envSchema = z.object({
  PORT: intInRange(1, 65535).default(5000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: databaseUrl.optional(),
  DB_HOST: z.string().min(1).optional(),
  DB_PORT: intInRange(1, 65535).default(3306),
  DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_$]{1,64}$/, "must be a plain database name")
    .default("notes"),
  DB_USER: z.string().min(1).optional(),
  DB_PASSWORD: z.string().optional(),
  DB_SECRET: dbSecret.optional(),
  DB_SECRET_FILE: z.string().min(1).optional(),
  DB_SECRET_ARN: secretArn.optional(),
  DB_TLS: z.enum(["off", "rds"]).default("off"),
  // Connections per process. Past a few per process, more only moved the queue from here into MariaDB,
  // where transactions contend: toggle's p99 was 27 ms with 5, 65 ms with 10 and 82 ms with 16, at the same
  // throughput, and lists the same (bench/notes-api-profile.md).
  DB_POOL_SIZE: intInRange(1, 200).default(5),
  TRUST_PROXY: trustProxy.default(false),
  PROXY_PROTO_HEADER: proxyProtoHeader.default("x-forwarded-proto"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // "auto": one worker per CPU the cgroup quota allows (cpus.ts); the Dockerfile ships it.
  WEB_CONCURRENCY: z
    .union([z.literal("auto").transform(() => availableCpus()), intInRange(1, 64)], {
      error: 'must be "auto" or a whole number from 1 to 64',
    })
    .default(1),
  MIGRATE_ON_START: booleanString.default(true),
  SHUTDOWN_DELAY_MS: intInRange(0, 20_000).default(1000),
  SHUTDOWN_TIMEOUT_MS: intInRange(1000, 25_000).default(20_000),
});

/**
 * Where the credentials live when they can change while the process runs (RDS rotates its managed
 * secret): read at start, cached, and read again when MySQL refuses them (db/credentials.ts).
 */
export type SecretSource = { kind: "file"; path: string } | { kind: "secretsmanager"; arn: string };

export interface DbConfig {
  host: string;
  port: number;
  database: string;
  /** Static credentials; with `secret`, empty until db/credentials.ts has read the secret. */
  user: string;
  password: string;
  secret?: SecretSource;
  tls: "off" | "rds";
  poolSize: number;
}

export interface Config {
  port: number;
  host: string;
  db: DbConfig;
  trustProxy: boolean | number | string[];
  /** Header the trusted proxy states the browser's scheme in (lower case); see PROXY_PROTO_HEADER. */
  proxyProtoHeader: string;
  logLevel: string;
  webConcurrency: number;
  migrateOnStart: boolean;
  shutdownDelayMs: number;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

type Env = z.infer<typeof envSchema>;

function resolveDb(env: Env): DbConfig {
  const common = { tls: env.DB_TLS, poolSize: env.DB_POOL_SIZE };
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
    if (!database) throw new ConfigError("DATABASE_URL", "must name a database, e.g. mysql://u:p@host/notes");
    return {
      ...common,
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      database,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  }
  if (!env.DB_HOST) throw new ConfigError("DB_HOST", "required when DATABASE_URL is not set");
  const sources = (["DB_SECRET", "DB_SECRET_FILE", "DB_SECRET_ARN"] as const).filter(
    (k) => env[k] !== undefined,
  );
  if (sources.length > 1)
    throw new ConfigError(sources[1] ?? "DB_SECRET", `set only one of ${sources.join(", ")}`);
  const location = { host: env.DB_HOST, port: env.DB_PORT, database: env.DB_NAME };
  if (env.DB_SECRET_FILE) {
    return {
      ...common,
      ...location,
      user: "",
      password: "",
      secret: { kind: "file", path: env.DB_SECRET_FILE },
    };
  }
  if (env.DB_SECRET_ARN) {
    return {
      ...common,
      ...location,
      user: "",
      password: "",
      secret: { kind: "secretsmanager", arn: env.DB_SECRET_ARN },
    };
  }
  const user = env.DB_SECRET?.username ?? env.DB_USER;
  const password = env.DB_SECRET?.password ?? env.DB_PASSWORD ?? "";
  if (!user) throw new ConfigError("DB_USER", "required (or a DB_SECRET*) when DATABASE_URL is not set");
  return { ...common, ...location, user, password };
}

/** Parses the environment; throws ConfigError naming the first bad variable (never echoing its value). */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  // Empty strings count as unset: ECS and shells often define variables with no value.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? "environment"), issue?.message ?? "invalid");
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    db: resolveDb(env),
    trustProxy: env.TRUST_PROXY,
    proxyProtoHeader: env.PROXY_PROTO_HEADER,
    logLevel: env.LOG_LEVEL,
    webConcurrency: env.WEB_CONCURRENCY,
    migrateOnStart: env.MIGRATE_ON_START,
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}
