import { Suspense } from "react";
import { pageAccess } from "@/server/auth/page-access";
import { EnvironmentsList } from "./_environments-list/environments-list";
import { SystemStatusCard } from "./system-status";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await pageAccess("viewer", "/");
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Environments</h1>
        <p className="mt-2 max-w-2xl text-slate-600 dark:text-slate-300">
          Describe a three-tier environment (network, MySQL database, domain, TLS and bastion access), review
          the CloudFormation template, its checks and its monthly cost, then launch it and watch it come up.
        </p>
      </section>
      <Suspense fallback={<p className="text-slate-600 dark:text-slate-400">Loading environments…</p>}>
        <EnvironmentsList />
      </Suspense>
      <SystemStatusCard />
    </div>
  );
}
