// Every combination of the spec choices that change which resources a template has: edge none/certbot/acm,
// bastion ssm/ssh/none, one NAT or one per AZ, two or three AZs, image set or not (72 specs).
import type { EnvironmentSpecInput } from "../spec/schema.js";

const EDGES: Record<string, EnvironmentSpecInput["edge"]> = {
  none: {},
  certbot: {
    domain: "notes.example.com",
    tls: "certbot",
    certbotEmail: "ops@example.com",
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
  },
  acm: {
    domain: "app.example.org",
    tls: "acm",
    acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f2e4c1a-1111-2222-3333-444455556666",
  },
};
const BASTIONS: Record<string, EnvironmentSpecInput["bastion"]> = {
  ssm: { access: "ssm" },
  ssh: { access: "ssh", sshAllowedCidr: "203.0.113.7/32", sshKeyName: "ops-key" },
  none: { enabled: false },
};

export const VARIANT_MATRIX: [string, EnvironmentSpecInput][] = Object.entries(EDGES).flatMap(
  ([edge, edgeSpec]) =>
    Object.entries(BASTIONS).flatMap(([bastion, bastionSpec]) =>
      (["single", "per-az"] as const).flatMap((nat) =>
        [2, 3].flatMap((azCount) =>
          [false, true].map((image): [string, EnvironmentSpecInput] => [
            `edge ${edge}, bastion ${bastion}, NAT ${nat}, ${azCount} AZs, ${image ? "image set" : "no image"}`,
            {
              name: "notes-matrix",
              network: { natGateways: nat, azCount },
              edge: edgeSpec,
              bastion: bastionSpec,
              ...(image
                ? { app: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:abc1234" } }
                : {}),
            },
          ]),
        ),
      ),
    ),
);
