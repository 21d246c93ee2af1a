// fast-check generator of valid spec inputs covering every mode combination, for property tests.
import fc from "fast-check";
import { FARGATE_MEMORY_BY_CPU } from "../spec/fargate.js";
import type { EnvironmentSpecInput } from "../spec/schema.js";

const taskSize = fc.constantFrom(
  ...Object.entries(FARGATE_MEMORY_BY_CPU).flatMap(([cpu, sizes]) =>
    sizes.map((memoryMiB) => ({ cpu: Number(cpu), memoryMiB })),
  ),
);

const counts = fc
  .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))
  .map(([minCount, extraDesired, extraMax]) => ({
    minCount,
    desiredCount: minCount + extraDesired,
    maxCount: minCount + extraDesired + extraMax,
  }));

const domain = fc.constantFrom("notes.example.com", "app.example.org", "a.b.example.io");

const edge = fc.oneof(
  fc.record({ tls: fc.constant("none" as const), domain: fc.option(domain, { nil: null }) }),
  fc.record({ tls: fc.constant("certbot" as const), domain, certbotEmail: fc.constant("ops@example.com") }),
  fc.record({
    tls: fc.constant("acm" as const),
    domain,
    acmCertificateArn: fc.constant("arn:aws:acm:us-east-1:123456789012:certificate/abc-123"),
  }),
);

const bastion = fc.oneof(
  fc.record({ enabled: fc.constant(false) }),
  fc.record({ enabled: fc.constant(true), access: fc.constant("ssm" as const) }),
  fc.record({
    enabled: fc.constant(true),
    access: fc.constant("ssh" as const),
    sshAllowedCidr: fc.ipV4().map((ip) => `${ip}/32`),
  }),
);

export const validSpecInput: fc.Arbitrary<EnvironmentSpecInput> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    network: fc.record({
      vpcCidr: fc.constantFrom("10.0.0.0/16", "10.20.0.0/16", "172.16.0.0/20", "192.168.0.0/24"),
      azCount: fc.constantFrom(2, 3),
      natGateways: fc.constantFrom("single" as const, "per-az" as const),
    }),
    database: fc.record({
      engineVersion: fc.constantFrom("8.0" as const, "8.4" as const),
      multiAz: fc.boolean(),
      deletionProtection: fc.boolean(),
      backupRetentionDays: fc.integer({ min: 1, max: 35 }),
    }),
    app: fc.tuple(
      taskSize,
      counts,
      fc.option(fc.constant("public.ecr.aws/nginx/nginx:1.27"), { nil: null }),
      fc.integer({ min: 1024, max: 65535 }),
    ),
    edge,
    bastion,
    zone: fc.option(fc.constant("Z0123456789ABCDEFGHIJ"), { nil: null }),
  })
  .map(({ app: [size, count, image, containerPort], zone, edge, ...rest }) => ({
    ...rest,
    app: { ...size, ...count, image, containerPort },
    edge: { ...edge, hostedZoneId: edge.domain ? zone : null },
  }));
