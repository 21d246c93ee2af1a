// Shown in place of a page the signed-in role may not use (the server refuses its procedures anyway).
import Link from "next/link";
import type { Role } from "@/server/auth/roles";

const WHAT: Record<Role, string> = {
  viewer: "see environments",
  deployer: "launch and delete environments",
  admin: "manage users and read the audit log",
};

export function NotAllowed({ role, need }: { role: Role; need: Role }) {
  return (
    <section aria-labelledby="not-allowed" className="max-w-xl space-y-3">
      <h1 id="not-allowed" className="text-2xl font-semibold tracking-tight">
        Not allowed
      </h1>
      <p>
        You are signed in as a <strong>{role}</strong>. Only a {need}
        {need === "admin" ? "" : " or an admin"} may {WHAT[need]}. Ask an admin to change your role.
      </p>
      <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
        Back to the environments
      </Link>
    </section>
  );
}
