import { getPrismaClient } from "@stackyard/db";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, safeNextPath } from "@/server/auth/page-access";
import { needsSetup } from "@/server/auth/sign-in";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Stackyard" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  if (await needsSetup(getPrismaClient())) redirect("/setup");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <SignInForm next={next} />
      <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
        No account? Ask an admin of this portal to create one for you.
      </p>
    </div>
  );
}
