// Page-level access for server components. The tRPC procedures are the gate; this only spares people
// a page that would fail, sending them to first-run setup or sign-in, or explaining a missing role.
import "server-only";
import { getPrismaClient } from "@stackyard/db";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { type Role, roleAllows, type SessionUser } from "./roles";
import { readSessionToken } from "./session-cookie";
import { userForToken } from "./sessions";
import { needsSetup } from "./sign-in";

export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("; ");
  return userForToken(getPrismaClient(), readSessionToken(header));
}

export type PageAccess =
  | { user: SessionUser; allowed: true }
  | { user: SessionUser; allowed: false; need: Role };

/** Redirects when nobody is signed in; otherwise says whether the user's role is enough. */
export async function pageAccess(need: Role, path: string): Promise<PageAccess> {
  const user = await currentUser();
  if (!user) {
    if (await needsSetup(getPrismaClient())) redirect("/setup");
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  return roleAllows(user.role, need) ? { user, allowed: true } : { user, allowed: false, need };
}

export { safeNextPath } from "./next-path";
