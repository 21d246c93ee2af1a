import { defaultSpec, estimateMonthlyCost } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { costDrivers, formatUsd } from "./cost-drivers";

describe("cost drivers", () => {
  it("say what Multi-AZ adds and what a NAT gateway per zone would add", () => {
    const spec = defaultSpec();
    const [nat, multiAz] = costDrivers(spec);
    expect(nat).toMatchObject({ id: "nat-per-az", enabled: false, label: "One NAT gateway per zone (2)" });
    expect(multiAz).toMatchObject({ id: "multi-az", enabled: true });

    const perAz = { ...spec, network: { ...spec.network, natGateways: "per-az" as const } };
    const difference = estimateMonthlyCost(perAz).totalMonthlyUsd - estimateMonthlyCost(spec).totalMonthlyUsd;
    expect(nat?.deltaUsd).toBeCloseTo(difference, 2);
    expect(nat?.deltaUsd).toBeGreaterThan(30);
    expect(multiAz?.deltaUsd).toBeGreaterThan(0);
  });

  it("formats dollars the way the panel shows them", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
  });
});
