// estimateMonthlyCost: line items and a total for an environment, from the dated price table. Traffic
// and log volumes are assumptions (stated in the result, overridable), not measurements.
import { albIsEdge } from "../render/security-table.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { type CostAssumptions, costNotes, DEFAULT_COST_ASSUMPTIONS, publicIpv4Count } from "./assumptions.js";
import {
  EC2_HOURLY,
  HOURS_PER_MONTH,
  PRICE_TABLE_BASIS,
  PRICE_TABLE_DATE,
  PRICES,
  RDS_MYSQL_SINGLE_AZ_HOURLY,
  RDS_VCPUS,
  SOURCES,
} from "./prices.js";

export interface CostLineItem {
  /** Stable key, e.g. "nat-gateways". */
  id: string;
  label: string;
  /** How the figure is made, e.g. "2 × 730 h × $0.045/h". */
  basis: string;
  /** null when the table has no price for the chosen type. */
  monthlyUsd: number | null;
  source: string;
}

export interface CostEstimate {
  currency: "USD";
  region: string;
  priceTableDate: string;
  priceTableBasis: string;
  items: CostLineItem[];
  /** Sum of the priced items, rounded to cents. */
  totalMonthlyUsd: number;
  /** True when some item has no price (an instance type missing from the table). */
  incomplete: boolean;
  assumptions: CostAssumptions;
  notes: string[];
}

const cents = (usd: number) => Math.round(usd * 100) / 100;
const hours = `${HOURS_PER_MONTH} h`;

export function estimateMonthlyCost(
  spec: EnvironmentSpec,
  overrides: Partial<CostAssumptions> = {},
): CostEstimate {
  const a = { ...DEFAULT_COST_ASSUMPTIONS, ...overrides };
  const items: CostLineItem[] = [];
  const add = (id: string, label: string, basis: string, usd: number | null, source: string) =>
    items.push({ id, label, basis, monthlyUsd: usd === null ? null : cents(usd), source });

  const natCount = spec.network.natGateways === "per-az" ? spec.network.azCount : 1;
  add(
    "nat-gateways",
    `NAT gateway${natCount > 1 ? "s" : ""} (${natCount})`,
    `${natCount} × ${hours} × $${PRICES.natGatewayHour}/h`,
    natCount * HOURS_PER_MONTH * PRICES.natGatewayHour,
    SOURCES.vpc,
  );
  add(
    "nat-data",
    "NAT data processed",
    `${a.natDataGb} GB × $${PRICES.natGatewayGb}/GB`,
    a.natDataGb * PRICES.natGatewayGb,
    SOURCES.vpc,
  );

  add(
    "alb",
    `Application Load Balancer (${albIsEdge(spec) ? "internet-facing" : "internal"})`,
    `${hours} × $${PRICES.albHour}/h`,
    HOURS_PER_MONTH * PRICES.albHour,
    SOURCES.elb,
  );
  add(
    "alb-lcu",
    "Load balancer capacity units",
    `${a.albLcus} LCU × ${hours} × $${PRICES.albLcuHour}/LCU-h`,
    a.albLcus * HOURS_PER_MONTH * PRICES.albLcuHour,
    SOURCES.elb,
  );

  const instances: [string, string, string][] = [];
  if (!albIsEdge(spec)) instances.push(["nginx", "nginx proxy", spec.edge.instanceType]);
  if (spec.bastion.enabled) instances.push(["bastion", "Bastion", spec.bastion.instanceType]);
  for (const [id, label, type] of instances) {
    const hourly = EC2_HOURLY[type];
    add(
      `${id}-instance`,
      `${label} EC2 ${type}`,
      hourly === undefined ? `no price for ${type} in the table` : `${hours} × $${hourly}/h`,
      hourly === undefined ? null : HOURS_PER_MONTH * hourly,
      SOURCES.ec2,
    );
  }
  if (instances.length > 0) {
    const gb = instances.length * a.instanceRootGb;
    add(
      "instance-volumes",
      "EC2 root volumes (gp3, encrypted)",
      `${gb} GB × $${PRICES.ebsGp3GbMonth}/GB-month`,
      gb * PRICES.ebsGp3GbMonth,
      SOURCES.ebs,
    );
  }

  const publicIps = publicIpv4Count(spec);
  add(
    "public-ipv4",
    `Public IPv4 addresses (${publicIps})`,
    `${publicIps} × ${hours} × $${PRICES.publicIpv4Hour}/h`,
    publicIps * HOURS_PER_MONTH * PRICES.publicIpv4Hour,
    SOURCES.vpc,
  );

  const db = spec.database;
  const dbHourly = RDS_MYSQL_SINGLE_AZ_HOURLY[db.instanceClass];
  const azFactor = db.multiAz ? 2 : 1;
  const azLabel = db.multiAz ? "Multi-AZ" : "single-AZ";
  add(
    "rds-instance",
    `RDS MySQL ${db.instanceClass} ${azLabel}`,
    dbHourly === undefined
      ? `no price for ${db.instanceClass} in the table`
      : `${azFactor} × ${hours} × $${dbHourly}/h`,
    dbHourly === undefined ? null : azFactor * HOURS_PER_MONTH * dbHourly,
    SOURCES.rds,
  );
  if (db.engineVersion === "8.0") {
    // 8.0 is past RDS standard support: Extended Support per vCPU-hour, the standby's vCPUs included.
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support-charges.html
    const vcpus = RDS_VCPUS[db.instanceClass];
    add(
      "rds-extended-support",
      `RDS Extended Support (MySQL 8.0, ${azLabel})`,
      vcpus === undefined
        ? `no vCPU count for ${db.instanceClass} in the table`
        : `${azFactor} × ${vcpus} vCPU × ${hours} × $${PRICES.rdsExtendedSupportVcpuHour}/vCPU-h`,
      vcpus === undefined ? null : azFactor * vcpus * HOURS_PER_MONTH * PRICES.rdsExtendedSupportVcpuHour,
      SOURCES.rdsExtendedSupport,
    );
  }
  add(
    "rds-storage",
    `RDS storage gp3 ${azLabel}`,
    `${db.allocatedStorageGb} GB × ${azFactor} × $${PRICES.rdsGp3GbMonth}/GB-month`,
    db.allocatedStorageGb * azFactor * PRICES.rdsGp3GbMonth,
    SOURCES.rds,
  );

  const vcpu = spec.app.cpu / 1024;
  const memoryGb = spec.app.memoryMiB / 1024;
  const tasks = spec.app.desiredCount;
  add(
    "fargate-vcpu",
    `Fargate vCPU (${tasks} tasks × ${vcpu} vCPU)`,
    `${tasks * vcpu} vCPU × ${hours} × $${PRICES.fargateVcpuHour}/vCPU-h`,
    tasks * vcpu * HOURS_PER_MONTH * PRICES.fargateVcpuHour,
    SOURCES.fargate,
  );
  add(
    "fargate-memory",
    `Fargate memory (${tasks} tasks × ${memoryGb} GB)`,
    `${tasks * memoryGb} GB × ${hours} × $${PRICES.fargateGbHour}/GB-h`,
    tasks * memoryGb * HOURS_PER_MONTH * PRICES.fargateGbHour,
    SOURCES.fargate,
  );

  add(
    "db-secret",
    "Secrets Manager (database secret)",
    `1 × $${PRICES.secretMonth}/month`,
    PRICES.secretMonth,
    SOURCES.secretsManager,
  );
  add(
    "logs",
    "CloudWatch Logs (app + flow logs)",
    `${a.logsIngestedGb} GB × $${PRICES.cloudwatchLogsIngestGb}/GB ingested`,
    a.logsIngestedGb * PRICES.cloudwatchLogsIngestGb,
    SOURCES.cloudwatch,
  );
  add(
    "ecr",
    "ECR image storage",
    `${a.ecrStoredGb} GB × $${PRICES.ecrStoredGbMonth}/GB-month`,
    a.ecrStoredGb * PRICES.ecrStoredGbMonth,
    SOURCES.ecr,
  );

  const priced = items.filter((item) => item.monthlyUsd !== null);
  return {
    currency: "USD",
    region: spec.region,
    priceTableDate: PRICE_TABLE_DATE,
    priceTableBasis: PRICE_TABLE_BASIS,
    items,
    totalMonthlyUsd: cents(priced.reduce((sum, item) => sum + (item.monthlyUsd ?? 0), 0)),
    incomplete: priced.length < items.length,
    assumptions: a,
    notes: costNotes(spec),
  };
}
