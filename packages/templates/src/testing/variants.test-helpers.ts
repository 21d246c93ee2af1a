// The spec variants every renderer test runs over: together they cover all three edge modes, both bastion
// modes and no bastion, single and per-AZ NAT, two and three zones, with and without an image.
import type { EnvironmentSpecInput } from "../spec/schema.js";

export const SPEC_VARIANTS: Record<string, EnvironmentSpecInput> = {
  "default (plain HTTP, SSM bastion, no image yet)": {},
  "certbot, Route 53, per-AZ NAT, SSH bastion, image set": {
    name: "notes-certbot",
    network: { natGateways: "per-az" },
    app: {
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:abc1234",
      cpu: 512,
      memoryMiB: 1024,
    },
    edge: {
      domain: "notes.example.com",
      tls: "certbot",
      certbotEmail: "ops@example.com",
      hostedZoneId: "Z0123456789ABCDEFGHIJ",
    },
    bastion: { access: "ssh", sshAllowedCidr: "203.0.113.7/32", sshKeyName: "ops-key" },
  },
  "acm at the ALB, three zones, single-AZ database, no bastion": {
    name: "notes-acm",
    network: { azCount: 3 },
    database: { multiAz: false, deletionProtection: false, instanceClass: "db.t4g.small" },
    edge: {
      domain: "app.example.org",
      tls: "acm",
      acmCertificateArn:
        "arn:aws:acm:us-east-1:123456789012:certificate/0f2e4c1a-1111-2222-3333-444455556666",
      hostedZoneId: "Z0123456789ABCDEFGHIJ",
    },
    bastion: { enabled: false },
  },
};

/** Parameter values a deploy would resolve (cdk-nag and CfnInclude only see literals). */
export const PARAMETER_VALUES = {
  AppImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:abc1234",
  UbuntuAmiId: "ami-0123456789abcdef0",
};
