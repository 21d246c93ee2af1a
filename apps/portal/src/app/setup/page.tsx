import { getPrismaClient } from "@stackyard/db";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsSetup } from "@/server/auth/sign-in";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up · Stackyard" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Only while no user exists; afterwards accounts come from an admin.
  if (!(await needsSetup(getPrismaClient()))) redirect("/sign-in");
  return (
    <div className="space-y-6">
      <section className="max-w-xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Set up Stackyard</h1>
        <p className="text-slate-600 dark:text-slate-300">
          No one has an account yet. Create the first admin: you can then add viewers, deployers and other
          admins under Users.
        </p>
      </section>
      <SetupForm />
    </div>
  );
}
