import type { Metadata } from "next";
import { pageAccess } from "@/server/auth/page-access";
import { TokensPanel } from "./tokens-panel";

export const metadata: Metadata = { title: "API tokens · Stackyard" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { user } = await pageAccess("viewer", "/account/tokens");
  return (
    <div className="space-y-6">
      <section className="max-w-2xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="text-slate-600 dark:text-slate-300">
          Personal tokens for the <span className="font-mono">stackyard</span> CLI and pipelines, sent as{" "}
          <span className="font-mono">Authorization: Bearer</span>. A token acts as you (
          <span className="font-mono">{user.email}</span>) with the role you give it, never above yours; it is
          shown once, when it is made.
        </p>
      </section>
      <TokensPanel role={user.role} />
    </div>
  );
}
