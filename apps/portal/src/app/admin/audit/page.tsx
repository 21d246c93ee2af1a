import type { Metadata } from "next";
import { pageAccess } from "@/server/auth/page-access";
import { NotAllowed } from "../../_auth/not-allowed";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log · Stackyard" };
export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const access = await pageAccess("admin", "/admin/audit");
  if (!access.allowed) return <NotAllowed role={access.user.role} need={access.need} />;
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-300">
          Sign-ins, launches, deletes and user changes: who, when, from which address, what changed and how it
          ended. Entries cannot be changed or removed.
        </p>
      </section>
      <AuditLog />
    </div>
  );
}
