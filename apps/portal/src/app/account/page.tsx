import type { Metadata } from "next";
import { pageAccess } from "@/server/auth/page-access";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account · Stackyard" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const { user } = await pageAccess("viewer", "/account");
  return (
    <div className="space-y-6">
      <section className="max-w-xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="text-slate-600 dark:text-slate-300">
          Signed in as <span className="font-mono">{user.email}</span> ({user.role}).
        </p>
      </section>
      <ChangePasswordForm />
    </div>
  );
}
