// Roles are ordered: each includes what the one before it may do.
export const ROLES = ["viewer", "deployer", "admin"] as const;
export type Role = (typeof ROLES)[number];
export type Access = "public" | Role;

const RANK: Record<Role, number> = { viewer: 1, deployer: 2, admin: 3 };

export function roleAllows(role: Role, access: Access): boolean {
  return access === "public" || RANK[role] >= RANK[access];
}

/** The signed-in person as every procedure sees it (read from the session on each request). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  /** Set when the request was authenticated by an API token (api-tokens.ts) rather than a session. */
  tokenId?: string;
}
