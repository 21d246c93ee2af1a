// The one place auth inputs are validated; the setup, sign-in and user pages show these messages.
import "server-only";
import { z } from "zod";
import { weakPasswordForAccount, weakPasswordReason } from "./password-policy";
import { ROLES } from "./roles";

const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .email("must be an e-mail address");

/**
 * 12 characters at least (NIST 800-63B asks for 8; length is what resists guessing), and not a common or
 * trivial one (password-policy.ts).
 */
const newPasswordInput = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters")
  .superRefine((password, ctx) => {
    const reason = weakPasswordReason(password);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

/** Refuses a password that is the account's own e-mail (on the object, which knows both). */
function notTheEmail(passwordField: string) {
  return (value: { email: string } & Record<string, unknown>, ctx: z.RefinementCtx) => {
    const password = value[passwordField];
    if (typeof password !== "string" || weakPasswordReason(password)) return;
    const reason = weakPasswordForAccount(password, value.email);
    if (reason) ctx.addIssue({ code: "custom", message: reason, path: [passwordField] });
  };
}

const nameInput = z.string().trim().min(1, "is required").max(128, "must be at most 128 characters");

export const roleInput = z.enum(ROLES, { error: "must be viewer, deployer or admin" });

export const signInInput = z.object({
  email: emailInput,
  // Not the new-password rules: a wrong password is reported as such, never as a format error.
  password: z.string().min(1, "is required").max(256, "must be at most 256 characters"),
});

export const setupInput = z
  .object({
    email: emailInput,
    name: nameInput,
    password: newPasswordInput,
    /** The one-time token `npm start` prints (setup-token.ts). */
    setupToken: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  })
  .superRefine(notTheEmail("password"));

export const createUserInput = z
  .object({
    email: emailInput,
    name: nameInput,
    role: roleInput,
    password: newPasswordInput,
  })
  .superRefine(notTheEmail("password"));

/** The signed-in user's own change; the e-mail rule is checked by the procedure, which knows the user. */
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "is required").max(256, "must be at most 256 characters"),
  newPassword: newPasswordInput,
});

export const userId = z.string().uuid({ error: "must be a user id" });
