"use client";
// The monthly cost of the current spec, recomputed in the browser on every change, with the line items
// and the switches that drive it.
import type { CostEstimate } from "@stackyard/templates";
import { type CostDriver, formatUsd } from "./cost-drivers";

export function CostSummary({
  estimate,
  drivers,
  stale,
}: {
  estimate: CostEstimate;
  drivers: CostDriver[];
  stale: boolean;
}) {
  return (
    <div className={`space-y-3 ${stale ? "border-l-4 border-amber-400 pl-3" : ""}`}>
      <p>
        <span className="text-3xl font-semibold tabular-nums" data-testid="cost-total">
          {formatUsd(estimate.totalMonthlyUsd)}
        </span>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {" "}
          per month{estimate.incomplete ? " (some items unpriced)" : ""}
        </span>
      </p>
      {stale && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          For the last valid spec; fix the errors to update.
        </p>
      )}
      <ul className="space-y-1 text-sm" aria-label="What drives the cost">
        {drivers.map((driver) => (
          <li key={driver.id} data-testid={`cost-driver-${driver.id}`}>
            {driver.enabled ? (
              <>
                <strong>{driver.label}</strong>: adds {formatUsd(driver.deltaUsd)}
              </>
            ) : (
              <>
                {driver.label} would add {formatUsd(driver.deltaUsd)}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CostBreakdown({ estimate }: { estimate: CostEstimate }) {
  const largest = Math.max(...estimate.items.map((item) => item.monthlyUsd ?? 0), 1);
  return (
    <div className="space-y-2">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Monthly cost line items</caption>
        <thead className="text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Item
            </th>
            <th scope="col" className="hidden font-medium sm:table-cell">
              How
            </th>
            <th scope="col" className="text-right font-medium">
              Per month
            </th>
          </tr>
        </thead>
        <tbody>
          {estimate.items.map((item) => (
            <tr key={item.id} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1 pr-2">
                {item.label}
                <span
                  aria-hidden="true"
                  className="mt-0.5 block h-1 rounded bg-indigo-400"
                  style={{ width: `${((item.monthlyUsd ?? 0) / largest) * 100}%` }}
                />
              </td>
              <td className="hidden pr-2 text-xs text-slate-600 sm:table-cell dark:text-slate-400">
                {item.basis}
              </td>
              <td className="text-right tabular-nums">
                {item.monthlyUsd === null ? "no price" : formatUsd(item.monthlyUsd)}
              </td>
            </tr>
          ))}
          <tr className="border-t-2 border-slate-300 font-semibold dark:border-slate-600">
            <td className="py-1">Total</td>
            <td className="hidden sm:table-cell" />
            <td className="text-right tabular-nums">{formatUsd(estimate.totalMonthlyUsd)}</td>
          </tr>
        </tbody>
      </table>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Prices: {estimate.priceTableBasis}, table dated {estimate.priceTableDate}. {estimate.notes.join(" ")}
      </p>
    </div>
  );
}
