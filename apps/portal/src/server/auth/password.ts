// Password hashing with scrypt (memory-hard, in node:crypto, so no native add-on to build).
// Stored as scrypt$N$r$p$salt$hash so the cost can be raised later: verify reads the stored parameters.
// Only node:crypto here, and no server-only marker: the e2e global setup (plain Node under Playwright)
// imports this file to provision its admin directly.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * N=2^17, r=8, p=1: OWASP's minimum for scrypt. 128 MiB of memory per hash (128·N·r bytes), so Node's
 * default maxmem (32 MiB) must be raised (derive does); libuv's 4 threads bound a burst of sign-ins to
 * about 512 MiB. Hashes stored at a lower cost are upgraded at the owner's next sign-in (needsRehash).
 */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below our working set; allow twice it, for Node's own overhead.
  const maxmem = 128 * cost.N * cost.r * 2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const [, n, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when `stored` was hashed at another cost than SCRYPT_COST (or is not ours): hash it again. */
export function needsRehash(stored: string, cost: ScryptCost = SCRYPT_COST): boolean {
  const match = STORED.exec(stored);
  return !match || Number(match[1]) !== cost.N || Number(match[2]) !== cost.r || Number(match[3]) !== cost.p;
}

// Checked against when the e-mail is unknown, so that a wrong address takes as long as a wrong password
// (no timing oracle for which accounts exist).
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await decoy);
  return false;
}
