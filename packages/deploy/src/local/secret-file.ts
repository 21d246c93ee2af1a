// The local stand-in for the RDS-managed secret: <stack folder>/db-secret.json, holding what Secrets Manager
// holds for RDS ({"username","password"}), mode 0600. notes-api reads it (DB_SECRET_FILE) at start and again
// whenever MariaDB refuses the password it cached, so a rotation reaches running processes as on AWS.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseCredentials } from "./state-store.js";

const SECRET_FILE_NAME = "db-secret.json";

export function secretFilePath(stackRoot: string): string {
  return join(stackRoot, SECRET_FILE_NAME);
}

/**
 * Writes `content` to `file` atomically: a reader (notes-api re-reading after a refused login) sees the old
 * file or the new one, never half of one. The temp file is 0600 from its creation.
 */
export function writeFileAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

export function secretJson(credentials: DatabaseCredentials): string {
  return `${JSON.stringify({ username: credentials.user, password: credentials.password })}\n`;
}

/** Makes the secret file say `credentials` (rewritten only when it says something else). */
export function ensureSecretFile(file: string, credentials: DatabaseCredentials): void {
  const wanted = secretJson(credentials);
  if (existsSync(file) && readFileSync(file, "utf8") === wanted) return;
  writeFileAtomically(file, wanted);
}
