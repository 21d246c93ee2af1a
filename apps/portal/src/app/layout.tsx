import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentUser } from "@/server/auth/page-access";
import { TrpcProviders } from "@/trpc/client";
import { MeProvider } from "./_auth/use-me";
import { UserMenu } from "./_auth/user-menu";
import "./globals.css";

export const metadata: Metadata = {
  title: "Stackyard",
  description: "Self-service deployment portal for AWS three-tier environments",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <TrpcProviders>
          <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3">
              <Link
                href="/"
                className="text-lg font-semibold tracking-tight hover:text-indigo-700 dark:hover:text-indigo-300"
              >
                Stackyard
              </Link>
              <span className="text-sm text-slate-500 dark:text-slate-400">deployment portal</span>
              {user?.role === "admin" && (
                <nav aria-label="Administration" className="flex gap-3 text-sm">
                  <Link href="/admin/users" className="text-indigo-700 hover:underline dark:text-indigo-300">
                    Users
                  </Link>
                  <Link href="/admin/audit" className="text-indigo-700 hover:underline dark:text-indigo-300">
                    Audit log
                  </Link>
                </nav>
              )}
              {user && <UserMenu email={user.email} role={user.role} />}
            </div>
          </header>
          <MeProvider me={user ? { id: user.id, email: user.email, role: user.role } : null}>
            <main className="mx-auto max-w-7xl px-4 py-8">{children}</main>
          </MeProvider>
        </TrpcProviders>
      </body>
    </html>
  );
}
