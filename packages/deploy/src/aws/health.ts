// The `health` capability on AWS: the stack's physical ids from ListStackResources, then one describe per
// tier (EC2, ECS, ELBv2, RDS), in parallel. A tier that cannot be read (access denied, throttled past the
// retries, not created yet) is reported unknown with the reason; the others are still shown.
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { RDSClient } from "@aws-sdk/client-rds";
import type { BackoffOptions } from "../backoff.js";
import type { StackRef } from "../driver.js";
import { isStackMissing, toDeployError } from "../errors.js";
import {
  assembleHealth,
  type DatabaseHealth,
  type EdgeHealth,
  type EnvironmentHealth,
  type HealthReader,
  type ServiceHealth,
  type TargetGroupHealth,
} from "../observe/health.js";
import { readDatabase, readEdge } from "./health-hosts.js";
import { readService, readTargetGroup } from "./health-service.js";
import { listStackResources, physicalIdOf, type StackResource } from "./stack-resources.js";

export interface HealthClients {
  ecs: ECSClient;
  elb: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
  rds: RDSClient;
}

export interface AwsHealthOptions {
  region: string;
  cloudFormation: CloudFormationClient;
  /** Tests pass mocked clients; otherwise one of each is made on first use (one retry layer: ours). */
  clients?: HealthClients;
  backoff?: BackoffOptions;
}

/** The resources each tier describes, by the logical ids packages/templates gives them (render/ids.ts). */
const TIERS = {
  edge: { type: "AWS::EC2::Instance", logicalId: "NginxInstance" },
  cluster: { type: "AWS::ECS::Cluster", logicalId: "AppCluster" },
  service: { type: "AWS::ECS::Service", logicalId: "AppService" },
  targetGroup: { type: "AWS::ElasticLoadBalancingV2::TargetGroup", logicalId: "AppTargetGroup" },
  database: { type: "AWS::RDS::DBInstance", logicalId: "DbInstance" },
} as const;

export class AwsHealthReader implements HealthReader {
  private clients?: HealthClients;

  constructor(private readonly options: AwsHealthOptions) {
    this.clients = options.clients;
  }

  async read(stack: StackRef): Promise<EnvironmentHealth | null> {
    let resources: StackResource[];
    try {
      const name = stack.stackId ?? stack.stackName;
      resources = await listStackResources(this.options.cloudFormation, name, this.options.backoff);
    } catch (error) {
      if (isStackMissing(error)) return null;
      throw toDeployError(error);
    }
    const id = (tier: keyof typeof TIERS) => physicalIdOf(resources, TIERS[tier].type, TIERS[tier].logicalId);
    const has = (tier: keyof typeof TIERS) =>
      resources.some((r) => r.logicalId === TIERS[tier].logicalId && r.type === TIERS[tier].type);
    const { ecs, elb, ec2, rds } = this.sdk();
    const backoff = this.options.backoff;
    const [edge, service, targetGroup, database] = await Promise.all([
      has("edge") ? tier(id("edge"), (i) => readEdge(ec2, i, backoff), edgeUnread) : undefined,
      has("service")
        ? tier(id("service"), (arn) => readService(ecs, id("cluster") ?? "", arn, backoff), serviceUnread)
        : undefined,
      has("targetGroup")
        ? tier(id("targetGroup"), (arn) => readTargetGroup(elb, arn, backoff), targetGroupUnread)
        : undefined,
      has("database")
        ? tier(id("database"), (i) => readDatabase(rds, i, backoff), databaseUnread)
        : undefined,
    ]);
    return assembleHealth({ edge, service, targetGroup, database });
  }

  private sdk(): HealthClients {
    const region = this.options.region;
    this.clients ??= {
      ecs: new ECSClient({ region, maxAttempts: 1 }),
      elb: new ElasticLoadBalancingV2Client({ region, maxAttempts: 1 }),
      ec2: new EC2Client({ region, maxAttempts: 1 }),
      rds: new RDSClient({ region, maxAttempts: 1 }),
    };
    return this.clients;
  }
}

/** Reads one tier; without a physical id yet, or on an error, the tier is unknown with the reason. */
async function tier<T>(
  physicalId: string | undefined,
  read: (id: string) => Promise<T>,
  unread: (id: string, reason: string) => T,
): Promise<T> {
  if (!physicalId) return unread("", "not created yet");
  try {
    return await read(physicalId);
  } catch (error) {
    const mapped = toDeployError(error);
    return unread(physicalId, mapped instanceof Error ? mapped.message : String(mapped));
  }
}

const edgeUnread = (id: string, reason: string): EdgeHealth => ({
  state: "unknown",
  reasons: [reason],
  id,
  instanceState: "unknown",
  systemStatus: "unknown",
  instanceStatus: "unknown",
});

const serviceUnread = (id: string, reason: string): ServiceHealth => ({
  state: "unknown",
  reasons: [reason],
  name: id.split("/").pop() ?? id,
  desired: 0,
  running: 0,
  pending: 0,
  deploymentsInProgress: 0,
  stoppedTasks: [],
  events: [],
});

const targetGroupUnread = (id: string, reason: string): TargetGroupHealth => ({
  state: "unknown",
  reasons: [reason],
  id,
  healthy: 0,
  unhealthy: 0,
  targets: [],
});

const databaseUnread = (id: string, reason: string): DatabaseHealth => ({
  state: "unknown",
  reasons: [reason],
  id,
  status: "unknown",
  multiAz: false,
  pendingMaintenance: [],
});
