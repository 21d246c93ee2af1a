// The one place auth inputs are validated; the setup, sign-in and user pages show these messages.
import { z } from "zod";
import { ROLES } from "./roles";

export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .email("must be an e-mail address");

/** 12 characters at least (NIST 800-63B asks for 8; length is what resists guessing). */
export const newPasswordInput = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

export const nameInput = z.string().trim().min(1, "is required").max(128, "must be at most 128 characters");

export const roleInput = z.enum(ROLES, { error: "must be viewer, deployer or admin" });

export const signInInput = z.object({
  email: emailInput,
  // Not the new-password rules: a wrong password is reported as such, never as a format error.
  password: z.string().min(1, "is required").max(256, "must be at most 256 characters"),
});

export const setupInput = z.object({
  email: emailInput,
  name: nameInput,
  password: newPasswordInput,
  /** The one-time token `npm start` prints (setup-token.ts). */
  setupToken: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
});

export const createUserInput = z.object({
  email: emailInput,
  name: nameInput,
  role: roleInput,
  password: newPasswordInput,
});

export const userId = z.string().uuid({ error: "must be a user id" });
