import type { Metadata } from "next";
import { pageAccess } from "@/server/auth/page-access";
import { NotAllowed } from "../../_auth/not-allowed";
import { CreateUserForm } from "./create-user-form";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users · Stackyard" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const access = await pageAccess("admin", "/admin/users");
  if (!access.allowed) return <NotAllowed role={access.user.role} need={access.need} />;
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-300">
          Viewers see environments and their events. Deployers also launch environments and delete the ones
          they launched. Admins do everything, and manage users. Disabling a user signs them out everywhere.
        </p>
      </section>
      <UsersTable selfId={access.user.id} />
      <CreateUserForm />
    </div>
  );
}
