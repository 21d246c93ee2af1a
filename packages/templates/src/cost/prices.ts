// us-east-1 on-demand prices in USD, as published on the AWS pricing pages listed in SOURCES. The table is
// dated so a reader knows how old it is; these machines cannot reach aws.amazon.com, so the rates were not
// re-fetched when the table was compiled: re-check them against the sources before relying on them.

export const PRICE_TABLE_REGION = "us-east-1";
/** When the table was compiled and what the rates reflect. */
export const PRICE_TABLE_DATE = "2026-11-28";
export const PRICE_TABLE_BASIS =
  "AWS public on-demand rates for us-east-1 as published in 2025 (Linux, no free tier)";

export const SOURCES = {
  ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
  ebs: "https://aws.amazon.com/ebs/pricing/",
  vpc: "https://aws.amazon.com/vpc/pricing/ (NAT gateway, public IPv4 addresses)",
  elb: "https://aws.amazon.com/elasticloadbalancing/pricing/",
  rds: "https://aws.amazon.com/rds/mysql/pricing/",
  rdsExtendedSupport:
    "https://aws.amazon.com/rds/mysql/pricing/ (Extended Support, year 1-2 rate; read 2026-11-28) and https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support-charges.html",
  fargate: "https://aws.amazon.com/fargate/pricing/",
  secretsManager: "https://aws.amazon.com/secrets-manager/pricing/",
  cloudwatch: "https://aws.amazon.com/cloudwatch/pricing/",
  ecr: "https://aws.amazon.com/ecr/pricing/",
} as const;

export const HOURS_PER_MONTH = 730;

/** EC2 Linux on-demand, per hour. */
export const EC2_HOURLY: Readonly<Record<string, number>> = {
  "t3.nano": 0.0052,
  "t3.micro": 0.0104,
  "t3.small": 0.0208,
  "t3.medium": 0.0416,
  "t3.large": 0.0832,
  "t3a.nano": 0.0047,
  "t3a.micro": 0.0094,
  "t3a.small": 0.0188,
  "t3a.medium": 0.0376,
  "t2.micro": 0.0116,
  "m5.large": 0.096,
  "m6i.large": 0.096,
  "c5.large": 0.085,
};

/** RDS for MySQL single-AZ, per hour; a Multi-AZ instance (one standby) costs twice this. */
export const RDS_MYSQL_SINGLE_AZ_HOURLY: Readonly<Record<string, number>> = {
  "db.t3.micro": 0.017,
  "db.t3.small": 0.034,
  "db.t3.medium": 0.068,
  "db.t3.large": 0.136,
  "db.t4g.micro": 0.016,
  "db.t4g.small": 0.032,
  "db.t4g.medium": 0.065,
  "db.t4g.large": 0.129,
  "db.m5.large": 0.171,
  "db.m6g.large": 0.152,
  "db.m6i.large": 0.171,
  "db.r6g.large": 0.215,
};

/**
 * vCPUs of each RDS class in the table: Extended Support is billed per vCPU-hour.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html
 */
export const RDS_VCPUS: Readonly<Record<string, number>> = {
  "db.t3.micro": 2,
  "db.t3.small": 2,
  "db.t3.medium": 2,
  "db.t3.large": 2,
  "db.t4g.micro": 2,
  "db.t4g.small": 2,
  "db.t4g.medium": 2,
  "db.t4g.large": 2,
  "db.m5.large": 2,
  "db.m6g.large": 2,
  "db.m6i.large": 2,
  "db.r6g.large": 2,
};

export const PRICES = {
  /** gp3 EBS volume, per GB-month. */
  ebsGp3GbMonth: 0.08,
  /** RDS gp3 storage per GB-month, single-AZ (Multi-AZ doubles it). */
  rdsGp3GbMonth: 0.115,
  /**
   * RDS Extended Support for MySQL 8.0 (past standard support since 2026-07-31), years 1-2, per vCPU-hour
   * of the primary and of the Multi-AZ standby; source SOURCES.rdsExtendedSupport, read 2026-11-28.
   */
  rdsExtendedSupportVcpuHour: 0.1,
  natGatewayHour: 0.045,
  natGatewayGb: 0.045,
  albHour: 0.0225,
  albLcuHour: 0.008,
  fargateVcpuHour: 0.04048,
  fargateGbHour: 0.004445,
  /** Every public IPv4 address, attached or not, since February 2024. */
  publicIpv4Hour: 0.005,
  secretMonth: 0.4,
  cloudwatchLogsIngestGb: 0.5,
  cloudwatchLogsStoredGbMonth: 0.03,
  ecrStoredGbMonth: 0.1,
} as const;
