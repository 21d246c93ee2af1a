// "Delete automatically after …": the wizard's and the dashboard's choices, turned into a deadline when the
// user confirms (so "1 day" means a day from the click), and the time left shown in the list. The server
// checks the deadline again (server/environments/expiry.ts): in the future, at most 90 days ahead.

const MAX_EXPIRY_DAYS = 90;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const EXPIRY_PRESETS = [
  { id: "never", label: "Never (keep it until deleted)", ms: null },
  { id: "1h", label: "1 hour", ms: HOUR },
  { id: "4h", label: "4 hours", ms: 4 * HOUR },
  { id: "1d", label: "1 day", ms: DAY },
  { id: "3d", label: "3 days", ms: 3 * DAY },
  { id: "7d", label: "7 days", ms: 7 * DAY },
  { id: "30d", label: "30 days", ms: 30 * DAY },
  { id: "custom", label: "Custom…", ms: null },
] as const;

export const EXPIRY_UNITS = { minutes: MINUTE, hours: HOUR, days: DAY } as const;

type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]["id"];
export type ExpiryUnit = keyof typeof EXPIRY_UNITS;

export interface ExpiryChoice {
  preset: ExpiryPreset;
  /** The custom amount as typed. */
  amount: string;
  unit: ExpiryUnit;
}

export const NO_EXPIRY: ExpiryChoice = { preset: "never", amount: "2", unit: "hours" };

export type ExpiryResult = { ok: true; expiresAt: Date | null } | { ok: false; message: string };

export function expiryFrom(choice: ExpiryChoice, now: Date = new Date()): ExpiryResult {
  if (choice.preset === "never") return { ok: true, expiresAt: null };
  const preset = EXPIRY_PRESETS.find((p) => p.id === choice.preset);
  if (preset?.ms) return { ok: true, expiresAt: new Date(now.getTime() + preset.ms) };
  const amount = Number(choice.amount);
  if (choice.amount.trim() === "" || !Number.isInteger(amount) || amount < 1) {
    return { ok: false, message: "Enter a whole number of at least 1" };
  }
  const ms = amount * EXPIRY_UNITS[choice.unit];
  if (ms > MAX_EXPIRY_DAYS * DAY) return { ok: false, message: `At most ${MAX_EXPIRY_DAYS} days ahead` };
  return { ok: true, expiresAt: new Date(now.getTime() + ms) };
}

/** "in 42 s", "in 5 min", "in 3 h 20 min", "in 2 days"; "due now" once passed (the scheduler is on it). */
export function timeLeft(expiresAt: Date, now: Date = new Date()): string {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return "due now";
  if (left < MINUTE) return `in ${Math.ceil(left / 1000)} s`;
  if (left < HOUR) return `in ${Math.ceil(left / MINUTE)} min`;
  // A day chosen a moment ago reads "in 1 day", not "in 24 h".
  if (Math.round(left / HOUR) < 24) {
    const hours = Math.floor(left / HOUR);
    const minutes = Math.round((left % HOUR) / MINUTE);
    return minutes === 0 || hours >= 10 ? `in ${Math.round(left / HOUR)} h` : `in ${hours} h ${minutes} min`;
  }
  const days = Math.round(left / DAY);
  return `in ${days} ${days === 1 ? "day" : "days"}`;
}
