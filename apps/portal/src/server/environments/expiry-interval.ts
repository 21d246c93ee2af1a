// How often the expiry scheduler looks for expired environments: STACKYARD_EXPIRY_INTERVAL_MS. No imports,
// so that config.ts (run under plain Node by `npm run serve`) checks it at start with the other settings.

const EXPIRY_INTERVAL_VARIABLE = "STACKYARD_EXPIRY_INTERVAL_MS";
export const DEFAULT_EXPIRY_INTERVAL_MS = 60_000;
const MIN_MS = 1_000;
const MAX_MS = 3_600_000;

/** Whole milliseconds, 1 s to 1 h (default 1 min); throws a one-line message naming the variable. */
export function expiryIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env[EXPIRY_INTERVAL_VARIABLE];
  if (raw === undefined || raw.trim() === "") return DEFAULT_EXPIRY_INTERVAL_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_MS || value > MAX_MS) {
    throw new Error(
      `${EXPIRY_INTERVAL_VARIABLE} must be a whole number of milliseconds from ${MIN_MS} to ${MAX_MS}, not "${raw}"`,
    );
  }
  return value;
}
