// First run: whoever reached /setup first used to become admin. Now setup needs a one-time token that
// only someone with access to the machine can read: the portal writes it to <data dir>/setup-token
// (mode 0600) while no user exists, `npm start` prints it, and the file is removed once setup succeeds.
import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PrismaClient } from "@stackyard/db";
import { defaultDataDir } from "@stackyard/deploy/local";
import { TRPCError } from "@trpc/server";

const SETUP_TOKEN_FILE = "setup-token";

export function setupTokenPath(dataDir = defaultDataDir()): string {
  return join(dataDir, SETUP_TOKEN_FILE);
}

async function readToken(path: string): Promise<string | null> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  return text?.trim() || null;
}

/**
 * While no user exists, makes sure the token file exists (an existing one is kept, so a restart does not
 * invalidate the token `npm start` printed) and returns its token; once a user exists, removes a
 * leftover file and returns null.
 */
export async function ensureSetupToken(prisma: PrismaClient, dataDir?: string): Promise<string | null> {
  const path = setupTokenPath(dataDir);
  if ((await prisma.user.count()) > 0) {
    await removeSetupToken(dataDir);
    return null;
  }
  const existing = await readToken(path);
  if (existing) return existing;
  const token = randomBytes(18).toString("base64url");
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // "wx": of two processes racing, one writes and the other reads the winner's token.
  const written = await writeFile(path, `${token}\n`, { mode: 0o600, flag: "wx" }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return false;
      throw error;
    },
  );
  return written ? token : readToken(path);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses (FORBIDDEN) unless `given` is the token in the file. */
export async function assertSetupToken(given: string, dataDir?: string): Promise<void> {
  const expected = await readToken(setupTokenPath(dataDir));
  if (!expected || !sameToken(given.trim(), expected)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Wrong setup token. \`npm start\` prints it; it is also in the portal's data folder, in the file ${SETUP_TOKEN_FILE}.`,
    });
  }
}

export async function removeSetupToken(dataDir?: string): Promise<void> {
  await unlink(setupTokenPath(dataDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}
