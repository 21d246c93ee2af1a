// Drafts: what a user has typed into the wizard so far, stored as typed (valid or not) so that coming
// back later restores it exactly. The name and region columns follow the spec where it has usable ones.
import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@stackyard/db";
import { parseEnvironmentSpec, type SpecFieldError } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { saveDraftInput } from "./inputs";
import { isUniqueViolation, nameTaken } from "./name-conflict";

export interface SavedDraft {
  id: string;
  savedAt: Date;
  /** What still has to be fixed before this draft can launch. */
  errors: SpecFieldError[];
}

function textField(spec: Record<string, unknown>, key: string, maxLength: number): string | null {
  const value = spec[key];
  return typeof value === "string" && value.trim() !== "" && value.length <= maxLength ? value.trim() : null;
}

export async function saveDraft(
  prisma: PrismaClient,
  input: z.output<typeof saveDraftInput>,
  /** Who drafts it owns it (set when the draft is created). */
  ownerId?: string | null,
): Promise<SavedDraft> {
  const id = input.id ?? randomUUID();
  // An unnamed draft still needs a unique name column; its id makes one.
  const name = textField(input.spec, "name", 128) ?? `draft-${id.slice(0, 8)}`;
  const region = textField(input.spec, "region", 32) ?? "us-east-1";
  const data = { name, region, target: input.target, spec: input.spec as object };
  try {
    const row = input.id
      ? await updateDraft(prisma, input.id, data)
      : await prisma.environment.create({
          data: { id, status: "draft", ...data, ...(ownerId ? { ownerId } : {}) },
        });
    const check = parseEnvironmentSpec(input.spec);
    return { id: row.id, savedAt: row.updatedAt, errors: check.ok ? [] : check.errors };
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name, region, input.target);
    throw error;
  }
}

async function updateDraft(
  prisma: PrismaClient,
  id: string,
  data: Parameters<PrismaClient["environment"]["update"]>[0]["data"],
) {
  const { count } = await prisma.environment.updateMany({ where: { id, status: "draft" }, data });
  const row = await prisma.environment.findUnique({ where: { id } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "This draft no longer exists" });
  if (count === 0) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This environment was already launched (${row.status})`,
    });
  }
  return row;
}
