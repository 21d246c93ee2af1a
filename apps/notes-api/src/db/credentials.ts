// The database credentials of a running process. RDS rotates its managed master secret (every 7 days by
// default) while ECS injects secrets only when a task starts, so a task that took its password from the
// environment keeps the old one and every new connection fails after the first rotation. With DB_SECRET_ARN
// (Secrets Manager) or DB_SECRET_FILE (the local sandbox) the process reads the secret itself, caches it,
// and reads it again when MySQL refuses the cached one; the pool then retries once (db/pool.ts).
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
import { readFile } from "node:fs/promises";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { DbConfig, SecretSource } from "../config.js";

export interface DbCredentials {
  user: string;
  password: string;
}

export interface CredentialSource {
  /** The cached credentials (read once, on first use). */
  current(): Promise<DbCredentials>;
  /** Reads the secret again; concurrent callers share one read. */
  refresh(): Promise<DbCredentials>;
}

/** MySQL's "Access denied for user" (1045): the credentials are wrong, perhaps only outdated. */
export function isAccessDenied(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ER_ACCESS_DENIED_ERROR";
}

/** RDS's secret JSON: {"username": "...", "password": "..."} (more keys are allowed and ignored). */
export function parseSecret(raw: string, where: string): DbCredentials {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // Never the raw text: it is the secret.
    throw new Error(`${where}: the secret is not JSON like {"username":"..","password":".."}`);
  }
  const { username, password } = (value ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== "string" || username === "" || typeof password !== "string") {
    throw new Error(`${where}: the secret has no "username" and "password" strings`);
  }
  return { user: username, password };
}

type Reader = () => Promise<DbCredentials>;

export function fileReader(path: string): Reader {
  return async () => parseSecret(await readFile(path, "utf8"), "DB_SECRET_FILE");
}

/**
 * The region is the ARN's (arn:aws:secretsmanager:<region>:...), so no AWS_REGION is needed. The SDK is
 * loaded on the first read: only DB_SECRET_ARN needs it, and loading it cost each process ~60 ms of CPU at
 * start (a third of WEB_CONCURRENCY=2's time to ready goes to module loading) and memory it never used.
 */
export function secretsManagerReader(arn: string, client?: SecretsManagerClient): Reader {
  return async () => {
    const sdk = await import("@aws-sdk/client-secrets-manager");
    client ??= new sdk.SecretsManagerClient({ region: arn.split(":")[3] });
    const out = await client.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
    if (typeof out.SecretString !== "string")
      throw new Error("DB_SECRET_ARN: the secret has no SecretString");
    return parseSecret(out.SecretString, "DB_SECRET_ARN");
  };
}

/** Caches what `read` returns; refresh() reads again, one read at a time however many callers ask. */
export function cachedSource(read: Reader): CredentialSource {
  let cached: Promise<DbCredentials> | undefined;
  let inFlight: Promise<DbCredentials> | undefined;
  const refresh = () => {
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    const next = inFlight;
    // A failed read keeps the last good credentials for current(); the caller still sees the failure.
    next.then(
      () => {
        cached = next;
      },
      () => undefined,
    );
    return next;
  };
  return {
    current: () => cached ?? refresh(),
    refresh,
  };
}

/** The source for a config: its secret, or the static credentials it already holds. */
export function credentialSourceFor(
  db: DbConfig,
  readers: Partial<Record<SecretSource["kind"], Reader>> = {},
) {
  const secret = db.secret;
  if (!secret) {
    const fixed = Promise.resolve({ user: db.user, password: db.password });
    return { current: () => fixed, refresh: () => fixed } satisfies CredentialSource;
  }
  const read =
    secret.kind === "file"
      ? (readers.file ?? fileReader(secret.path))
      : (readers.secretsmanager ?? secretsManagerReader(secret.arn));
  return cachedSource(read);
}

/** `db` with the source's current credentials filled in. */
export async function withCredentials(db: DbConfig, source: CredentialSource): Promise<DbConfig> {
  return { ...db, ...(await source.current()) };
}
