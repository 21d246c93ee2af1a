import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { TrpcProviders } from "@/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: "Stackyard",
  description: "Self-service deployment portal for AWS three-tier environments",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-3">
            <Link
              href="/"
              className="text-lg font-semibold tracking-tight hover:text-indigo-700 dark:hover:text-indigo-300"
            >
              Stackyard
            </Link>
            <span className="text-sm text-slate-500 dark:text-slate-400">deployment portal</span>
          </div>
        </header>
        <TrpcProviders>
          <main className="mx-auto max-w-7xl px-4 py-8">{children}</main>
        </TrpcProviders>
      </body>
    </html>
  );
}
