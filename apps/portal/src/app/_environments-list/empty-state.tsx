"use client";
import Link from "next/link";
import { useMe } from "../_auth/use-me";

/** The first thing a new user sees: what Stackyard does, and the way in. */
export function EmptyState() {
  const { canLaunch } = useMe();
  return (
    <section
      aria-labelledby="empty-heading"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 id="empty-heading" className="text-lg font-semibold">
        No environments yet
      </h2>
      <p className="mx-auto mt-2 max-w-xl text-slate-600 dark:text-slate-300">
        Stackyard launches a production-grade three-tier environment for the Notes app: a VPC across two or
        three zones, nginx at the edge, Fargate tasks behind an internal load balancer and a Multi-AZ MySQL
        database. You describe it, review the CloudFormation template, its checks and its monthly cost, and
        launch it to AWS or to a local sandbox on this machine.
      </p>
      {canLaunch && (
        <Link
          href="/environments/new"
          className="mt-5 inline-block rounded-md bg-indigo-600 px-5 py-2 font-semibold text-white hover:bg-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-2"
        >
          Create your first environment
        </Link>
      )}
    </section>
  );
}
