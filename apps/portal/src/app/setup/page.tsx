import { getPrismaClient } from "@stackyard/db";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ensureSetupToken } from "@/server/auth/setup-token";
import { needsSetup } from "@/server/auth/sign-in";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up · Stackyard" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Only while no user exists; afterwards accounts come from an admin.
  const prisma = getPrismaClient();
  if (!(await needsSetup(prisma))) redirect("/sign-in");
  // Normally written when the portal started; written here too so that setup is never stuck without one.
  await ensureSetupToken(prisma);
  return (
    <div className="space-y-6">
      <section className="max-w-xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Set up Stackyard</h1>
        <p className="text-slate-600 dark:text-slate-300">
          No one has an account yet. Create the first admin: you can then add viewers, deployers and other
          admins under Users.
        </p>
        <p className="text-slate-600 dark:text-slate-300">
          The setup token proves you run this portal: <code>npm start</code> printed it, and it is in the file{" "}
          <code>setup-token</code> in the portal&apos;s data folder (<code>.data/dev/setup-token</code> by
          default).
        </p>
      </section>
      <SetupForm />
    </div>
  );
}
