// What the estimate cannot know from the spec: traffic and storage volumes. Stated in every estimate.
import { albIsEdge } from "../render/security-table.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { HOURS_PER_MONTH, PRICE_TABLE_REGION } from "./prices.js";

export interface CostAssumptions {
  /** Data through the NAT gateway(s) per month: image pulls, package updates, AWS API calls. */
  natDataGb: number;
  /** Average load balancer capacity units (1 LCU ≈ 25 new connections/s or 1 GB/h of traffic). */
  albLcus: number;
  /** Application plus VPC flow logs ingested per month. */
  logsIngestedGb: number;
  /** Images kept in ECR. */
  ecrStoredGb: number;
  /** Root volume of each EC2 instance (the template's). */
  instanceRootGb: number;
}

export const DEFAULT_COST_ASSUMPTIONS: CostAssumptions = {
  natDataGb: 20,
  albLcus: 1,
  logsIngestedGb: 5,
  ecrStoredGb: 1,
  instanceRootGb: 16,
};

/** Each NAT gateway's EIP, nginx's EIP, an SSH bastion's EIP, and an internet-facing ALB's one per zone. */
export function publicIpv4Count(spec: EnvironmentSpec): number {
  const nat = spec.network.natGateways === "per-az" ? spec.network.azCount : 1;
  const edge = albIsEdge(spec) ? spec.network.azCount : 1;
  const bastion = spec.bastion.enabled && spec.bastion.access === "ssh" ? 1 : 0;
  return nat + edge + bastion;
}

export function costNotes(spec: EnvironmentSpec): string[] {
  const notes = [
    `${HOURS_PER_MONTH} hours per month; everything runs all month at the desired task count (autoscaling peaks cost more).`,
    "Not included: internet data transfer out (first 100 GB/month free), Container Insights metrics, backup storage beyond the database size, Route 53.",
  ];
  if (spec.region !== PRICE_TABLE_REGION) {
    notes.unshift(`Prices are for ${PRICE_TABLE_REGION}; ${spec.region} usually costs the same or more.`);
  }
  return notes;
}
