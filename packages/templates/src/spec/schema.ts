// The environment spec: the one description of an environment that the wizard edits, the tRPC API
// accepts, the CLI reads and the renderer turns into CloudFormation. People keep it in Git, so names are
// stable, unknown keys are rejected (a typo like "multiAZ" must not be silently ignored) and every field
// has a default, the seed's where it has one.
import { z } from "zod";
import { suggestSubnets } from "./cidr.js";
import { FARGATE_CPU_UNITS } from "./fargate.js";
import {
  acmCertificateArn,
  awsNetworkCidr,
  awsRegion,
  domainName,
  ec2InstanceType,
  emailAddress,
  hostedZoneId,
  imageUri,
  int,
  rdsInstanceClass,
  stackName,
} from "./fields.js";
import { checkCrossFieldRules } from "./rules.js";

/** Optional text: the wizard sends "" for an empty input, which means "not set", like null. */
function optionalText<T extends z.ZodType<string | null>>(schema: T) {
  return z
    .preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? null : value),
      schema.nullable(),
    )
    .default(null);
}

export const MAX_AZ_COUNT = 3;

const networkSchema = z
  .strictObject({
    vpcCidr: awsNetworkCidr.default("10.0.0.0/16"),
    azCount: int(2, MAX_AZ_COUNT, "Availability Zones; RDS and the load balancer need two").default(2),
    publicSubnets: z.array(awsNetworkCidr).min(1).max(6).optional(),
    privateSubnets: z.array(awsNetworkCidr).min(1).max(6).optional(),
    natGateways: z.enum(["single", "per-az"], { error: 'must be "single" or "per-az"' }).default("single"),
  })
  // Subnets left out are computed from the VPC CIDR (2 public, 3 private as in the seed, more if more AZs).
  .transform((network) => {
    const suggested = suggestSubnets(
      network.vpcCidr,
      Math.max(2, network.azCount),
      Math.max(3, network.azCount),
    );
    return {
      vpcCidr: network.vpcCidr,
      azCount: network.azCount,
      publicSubnets: network.publicSubnets ?? suggested?.publicSubnets ?? [],
      privateSubnets: network.privateSubnets ?? suggested?.privateSubnets ?? [],
      natGateways: network.natGateways,
    };
  });

const databaseSchema = z.strictObject({
  // 8.4: RDS for MySQL 8.0 left standard support on 2026-07-31 and a new 8.0 instance is billed Extended
  // Support (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html).
  engineVersion: z.enum(["8.0", "8.4"], { error: 'must be MySQL "8.0" or "8.4"' }).default("8.4"),
  instanceClass: rdsInstanceClass.default("db.t3.micro"),
  multiAz: z.boolean({ error: "must be true or false" }).default(true),
  allocatedStorageGb: int(20, 6144, "GiB; RDS MySQL needs at least 20").default(20),
  backupRetentionDays: int(1, 35, "days of automated backups").default(7),
  deletionProtection: z.boolean({ error: "must be true or false" }).default(true),
  name: z
    .string({ error: "must be a database name like notes" })
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "MySQL needs a letter first, then letters, digits or _ (max 64)")
    .default("notes"),
});

const appSchema = z.strictObject({
  image: optionalText(imageUri),
  // One message listing what Fargate offers, rather than a range error plus that list.
  cpu: z
    .number({ error: "must be a whole number of CPU units (1024 = 1 vCPU)" })
    .refine(
      (cpu) => FARGATE_CPU_UNITS.includes(cpu),
      `Fargate offers ${FARGATE_CPU_UNITS.join(", ")} CPU units (1024 = 1 vCPU)`,
    )
    .default(256),
  memoryMiB: int(512, 122880, "MiB").default(512),
  desiredCount: int(1, 100, "tasks").default(2),
  minCount: int(1, 100, "tasks").default(2),
  maxCount: int(1, 100, "tasks").default(6),
  containerPort: int(1024, 65535, "port the container listens on").default(5000),
});

const edgeSchema = z
  .strictObject({
    domain: optionalText(domainName),
    tls: z.enum(["certbot", "acm", "none"], { error: 'must be "certbot", "acm" or "none"' }).optional(),
    certbotEmail: optionalText(emailAddress),
    acmCertificateArn: optionalText(acmCertificateArn),
    hostedZoneId: optionalText(hostedZoneId),
    instanceType: ec2InstanceType.default("t3.micro"),
  })
  // certbot is the default once there is a domain to issue for; without one, plain HTTP.
  .transform((edge) => ({
    domain: edge.domain,
    tls: edge.tls ?? (edge.domain ? "certbot" : "none"),
    certbotEmail: edge.certbotEmail,
    acmCertificateArn: edge.acmCertificateArn,
    hostedZoneId: edge.hostedZoneId,
    instanceType: edge.instanceType,
  }));

const bastionSchema = z.strictObject({
  enabled: z.boolean({ error: "must be true or false" }).default(true),
  access: z.enum(["ssm", "ssh"], { error: 'must be "ssm" (Session Manager) or "ssh"' }).default("ssm"),
  sshAllowedCidr: optionalText(z.string({ error: "must be a CIDR like 203.0.113.7/32" })),
  sshKeyName: optionalText(
    z
      .string()
      .max(255)
      .regex(/^[\x20-\x7e]+$/, "must be an EC2 key pair name"),
  ),
  instanceType: ec2InstanceType.default("t3.micro"),
});

export const environmentSpecSchema = z
  .strictObject({
    version: z.literal(1, { error: "must be 1 (the only spec version so far)" }).default(1),
    name: stackName.default("notes-prod"),
    region: awsRegion.default("us-east-1"),
    network: networkSchema.prefault({}),
    database: databaseSchema.prefault({}),
    app: appSchema.prefault({}),
    edge: edgeSchema.prefault({}),
    bastion: bastionSchema.prefault({}),
  })
  // Cross-field rules need every field parsed: on a half-parsed spec they would report nonsense.
  .superRefine(checkCrossFieldRules, { when: (payload) => payload.issues.length === 0 });

/** A complete, validated spec with every default filled in: what the renderer, checks and cost take. */
export type EnvironmentSpec = z.output<typeof environmentSpecSchema>;
/** What a user may write: every field optional. */
export type EnvironmentSpecInput = z.input<typeof environmentSpecSchema>;
export type TlsMode = EnvironmentSpec["edge"]["tls"];
