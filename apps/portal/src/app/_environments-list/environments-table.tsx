"use client";
import Link from "next/link";
import type { EnvironmentRow } from "@/server/environments/list";
import { ExpiryBadge } from "./expiry-badge";
import { HealthBadge } from "./health-badge";
import { ReadinessBadge } from "./readiness-badge";
import { relativeTime } from "./relative-time";
import { StatusBadge } from "./status-badge";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

function hrefOf(row: EnvironmentRow) {
  return row.status === "draft" ? `/environments/new?draft=${row.id}` : `/environments/${row.id}`;
}

export function EnvironmentsTable({ rows }: { rows: EnvironmentRow[] }) {
  const cell = "px-3 py-2 align-top";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Environments</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className={cell}>
              Name
            </th>
            <th scope="col" className={cell}>
              Status
            </th>
            <th scope="col" className={`${cell} hidden sm:table-cell`}>
              Target
            </th>
            <th scope="col" className={`${cell} hidden md:table-cell`}>
              Last operation
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Per month
            </th>
            <th scope="col" className={`${cell} hidden md:table-cell`}>
              App
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid="environment-row"
              className="border-t border-slate-200 dark:border-slate-800"
            >
              <td className={cell}>
                <Link
                  href={hrefOf(row)}
                  className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {row.name}
                </Link>
                {row.status === "draft" && (
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    Draft: continue editing
                  </span>
                )}
              </td>
              <td className={cell}>
                <StatusBadge status={row.status} />
                {row.status === "live" && <ReadinessBadge readiness={row.readiness} />}
                {row.status === "live" && <HealthBadge id={row.id} target={row.target} />}
                <ExpiryBadge status={row.status} expiresAt={row.expiresAt} />
              </td>
              <td className={`${cell} hidden sm:table-cell`}>
                {row.target === "aws" ? `AWS ${row.region}` : "Local sandbox"}
              </td>
              <td className={`${cell} hidden md:table-cell`}>
                {row.lastOperation ? (
                  <>
                    {row.lastOperation.kind} {row.lastOperation.status}{" "}
                    <time
                      dateTime={row.lastOperation.createdAt.toISOString()}
                      title={row.lastOperation.createdAt.toLocaleString("en-GB")}
                      className="text-slate-600 dark:text-slate-400"
                    >
                      {relativeTime(row.lastOperation.createdAt)}
                    </time>
                  </>
                ) : (
                  <span className="text-slate-600 dark:text-slate-400">not launched</span>
                )}
              </td>
              <td className={`${cell} text-right tabular-nums`}>
                {row.monthlyCostUsd === null ? "–" : usd.format(row.monthlyCostUsd)}
              </td>
              <td className={`${cell} hidden md:table-cell`}>
                {row.appUrl ? (
                  <a
                    href={row.appUrl}
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                    rel="noreferrer"
                  >
                    {row.appUrl.replace(/^https?:\/\//, "")}
                  </a>
                ) : (
                  <span className="text-slate-600 dark:text-slate-400">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
