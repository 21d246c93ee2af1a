// What drives the monthly cost: the price of the choices a user can flip (NAT per zone, Multi-AZ), shown
// as what each adds or would add, so the trade-off is visible next to the switch.
import { type EnvironmentSpec, estimateMonthlyCost } from "@stackyard/templates";

export interface CostDriver {
  id: "nat-per-az" | "multi-az";
  label: string;
  enabled: boolean;
  /** Monthly USD the choice adds (when enabled) or would add (when not). */
  deltaUsd: number;
}

const total = (spec: EnvironmentSpec) => estimateMonthlyCost(spec).totalMonthlyUsd;
const cents = (usd: number) => Math.round(usd * 100) / 100;

export function costDrivers(spec: EnvironmentSpec): CostDriver[] {
  const perAz = spec.network.natGateways === "per-az";
  const flippedNat: EnvironmentSpec = {
    ...spec,
    network: { ...spec.network, natGateways: perAz ? "single" : "per-az" },
  };
  const multiAz = spec.database.multiAz;
  const flippedDb: EnvironmentSpec = { ...spec, database: { ...spec.database, multiAz: !multiAz } };
  const now = total(spec);
  return [
    {
      id: "nat-per-az",
      label: `One NAT gateway per zone (${spec.network.azCount})`,
      enabled: perAz,
      deltaUsd: cents(Math.abs(now - total(flippedNat))),
    },
    {
      id: "multi-az",
      label: "Multi-AZ database",
      enabled: multiAz,
      deltaUsd: cents(Math.abs(now - total(flippedDb))),
    },
  ];
}

export function formatUsd(usd: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(usd);
}
