// Admin's user management: list, create, change role, disable/enable. Users are never deleted (the
// audit log and environment owners refer to them); disabling ends their sessions at once.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import type { createUserInput } from "../auth/inputs";
import { hashPassword } from "../auth/password";
import { accountLocked } from "../auth/rate-limit";
import type { Role, SessionUser } from "../auth/roles";
import { endAllSessions } from "../auth/sessions";
import { fieldError } from "../field-errors";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** At the failed-sign-in ceiling (rate-limit.ts): an admin's users.unlock lets them in again. */
  locked: boolean;
  createdAt: Date;
}

const PUBLIC_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  createdAt: true,
} as const;

function toRow(
  user: { disabledAt: Date | null } & Omit<UserRow, "disabled" | "locked">,
  locked = false,
): UserRow {
  const { disabledAt, ...rest } = user;
  return { ...rest, disabled: disabledAt !== null, locked };
}

export async function listUsers(prisma: PrismaClient): Promise<UserRow[]> {
  const users = await prisma.user.findMany({ orderBy: { email: "asc" }, select: PUBLIC_FIELDS, take: 1000 });
  const locked = await Promise.all(users.map((user) => accountLocked(prisma, user.email)));
  return users.map((user, i) => toRow(user, locked[i]));
}

export async function createUser(
  prisma: PrismaClient,
  actor: SessionUser,
  input: z.output<typeof createUserInput>,
  request?: Request,
): Promise<UserRow> {
  if (await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw fieldError("CONFLICT", [{ path: "email", message: "a user with this e-mail already exists" }]);
  }
  const passwordHash = await hashPassword(input.password);
  const user = await prisma.user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash },
    select: PUBLIC_FIELDS,
  });
  await recordAudit(prisma, {
    action: "user.create",
    outcome: "success",
    actor,
    request,
    target: { type: "user", id: user.id },
    detail: { email: user.email, role: user.role },
  });
  return toRow(user);
}

async function findUser(prisma: PrismaClient, id: string) {
  const user = await prisma.user.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "No user with that id" });
  return user;
}

/** The portal must keep one enabled admin, or nobody could manage users again. */
async function assertAnotherAdmin(prisma: PrismaClient, userId: string, what: string) {
  const others = await prisma.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  if (others === 0) {
    throw new TRPCError({ code: "CONFLICT", message: `${what}: this is the last enabled admin.` });
  }
}

export async function setRole(
  prisma: PrismaClient,
  actor: SessionUser,
  input: { id: string; role: Role },
  request?: Request,
): Promise<UserRow> {
  const user = await findUser(prisma, input.id);
  if (user.role === "admin" && input.role !== "admin")
    await assertAnotherAdmin(prisma, user.id, "Cannot demote");
  const updated = await prisma.user.update({
    where: { id: user.id },
    data: { role: input.role },
    select: PUBLIC_FIELDS,
  });
  await recordAudit(prisma, {
    action: "user.role",
    outcome: "success",
    actor,
    request,
    target: { type: "user", id: user.id },
    detail: { email: user.email, before: user.role, after: input.role },
  });
  return toRow(updated);
}

export async function setDisabled(
  prisma: PrismaClient,
  actor: SessionUser,
  input: { id: string; disabled: boolean },
  request?: Request,
): Promise<UserRow> {
  const user = await findUser(prisma, input.id);
  if (input.disabled && user.id === actor.id) {
    throw new TRPCError({ code: "CONFLICT", message: "You cannot disable your own account." });
  }
  if (input.disabled && user.role === "admin") await assertAnotherAdmin(prisma, user.id, "Cannot disable");
  const updated = await prisma.user.update({
    where: { id: user.id },
    data: { disabledAt: input.disabled ? new Date() : null },
    select: PUBLIC_FIELDS,
  });
  const sessionsEnded = input.disabled ? await endAllSessions(prisma, user.id) : 0;
  await recordAudit(prisma, {
    action: input.disabled ? "user.disable" : "user.enable",
    outcome: "success",
    actor,
    request,
    target: { type: "user", id: user.id },
    detail: { email: user.email, sessionsEnded },
  });
  return toRow(updated);
}

/**
 * Lifts the per-account ceiling on failed sign-ins (see auth/rate-limit.ts): failures before this entry
 * stop counting. It is recorded against the account (its e-mail), as the failed sign-ins are.
 */
export async function unlockUser(
  prisma: PrismaClient,
  actor: SessionUser,
  input: { userId: string },
  request?: Request,
): Promise<{ unlocked: true }> {
  const user = await findUser(prisma, input.userId);
  await recordAudit(prisma, {
    action: "user.unlock",
    outcome: "success",
    actor,
    request,
    target: { type: "account", id: user.email },
    detail: { userId: user.id },
  });
  return { unlocked: true };
}
