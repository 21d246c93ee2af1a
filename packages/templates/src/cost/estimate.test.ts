import { describe, expect, test } from "vitest";
import { resolveSpec } from "../spec/parse.js";
import { estimateMonthlyCost } from "./estimate.js";
import { HOURS_PER_MONTH, PRICES, RDS_MYSQL_SINGLE_AZ_HOURLY } from "./prices.js";

const estimate = (input: object) => estimateMonthlyCost(resolveSpec(input));
const item = (input: object, id: string) =>
  estimate(input).items.find((i) => i.id === id)?.monthlyUsd ?? Number.NaN;

describe("estimateMonthlyCost", () => {
  test("lists every priced part of the architecture and adds them up to the total", () => {
    const result = estimate({});
    expect(result.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        "nat-gateways",
        "nat-data",
        "alb",
        "alb-lcu",
        "nginx-instance",
        "bastion-instance",
        "public-ipv4",
        "rds-instance",
        "rds-storage",
        "fargate-vcpu",
        "fargate-memory",
      ]),
    );
    const sum = result.items.reduce((total, i) => total + (i.monthlyUsd ?? 0), 0);
    expect(result.totalMonthlyUsd).toBeCloseTo(sum, 2);
    expect(result.incomplete).toBe(false);
  });

  test("records the price table's date, sources and the traffic assumptions", () => {
    const result = estimate({});
    expect(result.priceTableDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.items.every((i) => i.source.startsWith("https://aws.amazon.com/"))).toBe(true);
    expect(result.assumptions.natDataGb).toBeGreaterThan(0);
    expect(result.notes.join(" ")).toMatch(/730 hours/);
  });

  test("per-AZ NAT gateways cost one NAT and one public address more per extra zone", () => {
    const single = estimate({});
    const perAz = estimate({ network: { natGateways: "per-az", azCount: 3 } });
    const natHour = HOURS_PER_MONTH * PRICES.natGatewayHour;
    const ipHour = HOURS_PER_MONTH * PRICES.publicIpv4Hour;
    expect(perAz.totalMonthlyUsd - single.totalMonthlyUsd).toBeCloseTo(2 * (natHour + ipHour), 1);
  });

  test("turning Multi-AZ off halves the database instance and storage", () => {
    expect(item({ database: { multiAz: false } }, "rds-instance")).toBeCloseTo(
      item({}, "rds-instance") / 2,
      2,
    );
    expect(item({ database: { multiAz: false } }, "rds-storage")).toBeCloseTo(item({}, "rds-storage") / 2, 2);
    expect(item({}, "rds-instance")).toBeCloseTo(
      2 * HOURS_PER_MONTH * (RDS_MYSQL_SINGLE_AZ_HOURLY["db.t3.micro"] ?? 0),
      2,
    );
  });

  test("task size and count drive the Fargate lines", () => {
    const small = item({}, "fargate-vcpu");
    expect(item({ app: { cpu: 1024, memoryMiB: 2048 } }, "fargate-vcpu")).toBeCloseTo(4 * small, 0);
    expect(item({ app: { desiredCount: 4, maxCount: 6 } }, "fargate-vcpu")).toBeCloseTo(2 * small, 1);
  });

  test("acm mode drops the nginx instance but pays for the internet-facing ALB's addresses", () => {
    const acm = estimate({
      edge: {
        domain: "n.example.com",
        tls: "acm",
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      },
    });
    expect(acm.items.find((i) => i.id === "nginx-instance")).toBeUndefined();
    expect(acm.items.find((i) => i.id === "public-ipv4")?.label).toMatch(/\(3\)/);
  });

  test("an instance type the table does not know is shown unpriced, and the total says so", () => {
    const result = estimate({ database: { instanceClass: "db.x2g.16xlarge" } });
    expect(result.items.find((i) => i.id === "rds-instance")).toMatchObject({
      monthlyUsd: null,
      basis: expect.stringMatching(/no price/),
    });
    expect(result.incomplete).toBe(true);
  });

  test("another region gets a note that prices are us-east-1's", () => {
    expect(estimate({ region: "eu-west-1" }).notes[0]).toMatch(/us-east-1/);
  });
});

describe("RDS Extended Support", () => {
  // MySQL 8.0 is past RDS standard support (2026-07-31): every vCPU of the instance, the Multi-AZ standby
  // included, is billed Extended Support per hour.
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support-charges.html
  // https://aws.amazon.com/rds/mysql/pricing/ (Extended Support)
  test("MySQL 8.0 adds an Extended Support line: ≈ $290/month on the default Multi-AZ db.t3.micro", () => {
    const line = estimate({ database: { engineVersion: "8.0" } }).items.find(
      (i) => i.id === "rds-extended-support",
    );
    expect(line?.monthlyUsd).toBeCloseTo(2 * 2 * HOURS_PER_MONTH * PRICES.rdsExtendedSupportVcpuHour, 2);
    expect(line?.monthlyUsd).toBeGreaterThan(280);
    expect(line?.monthlyUsd).toBeLessThan(300);
    expect(line?.source).toMatch(/^https:\/\/aws\.amazon\.com\/rds\/mysql\/pricing\//);
    const single = estimate({ database: { engineVersion: "8.0", multiAz: false } }).items.find(
      (i) => i.id === "rds-extended-support",
    );
    expect(single?.monthlyUsd).toBeCloseTo((line?.monthlyUsd ?? 0) / 2, 2);
  });

  test("MySQL 8.4 (the default) has no Extended Support line", () => {
    expect(estimate({}).items.find((i) => i.id === "rds-extended-support")).toBeUndefined();
  });
});
