// Which new passwords are refused besides the length rule (NIST 800-63B 3.1.1.2: refuse values from lists
// of common or breached passwords, repetitive or sequential characters, and context-specific words such
// as the user's own name). Kept apart from password.ts, which the e2e global setup imports.
import "server-only";
import { COMMON_PASSWORDS } from "./common-passwords";

let common: ReadonlySet<string> | undefined;
function isCommon(candidate: string): boolean {
  common ??= new Set(COMMON_PASSWORDS);
  return common.has(candidate);
}

/** Why `password` is too easy to guess, whoever chooses it; null when it is not. */
export function weakPasswordReason(password: string): string | null {
  const folded = password.normalize("NFKC").toLowerCase();
  if (/^(.)\1*$/su.test(folded)) return "must not be one character repeated";
  if (/^\d+$/.test(folded)) return "must not be digits only";
  if (isCommon(folded)) return "is one of the 10,000 most common passwords: choose another";
  // "password1234", "iloveyou2024!": a common password with digits or symbols around it.
  const core = folded.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  if (core.length >= 4 && isCommon(core)) {
    return "is a common password with digits or symbols added: choose another";
  }
  return null;
}

/** Why `password` is too easy to guess for the account with this e-mail; null when it is not. */
export function weakPasswordForAccount(password: string, email: string): string | null {
  const folded = password.normalize("NFKC").toLowerCase();
  const address = email.trim().toLowerCase();
  const local = (address.split("@")[0] ?? "").replace(/[\d\W_]+/gu, "");
  if (folded.includes(address) || (local.length >= 4 && folded.replace(/[\d\W_]+/gu, "") === local)) {
    return "must not be your e-mail address";
  }
  return weakPasswordReason(password);
}
