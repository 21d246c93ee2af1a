// Field-level schemas shared by the spec sections. Messages are written for the wizard: they say what
// is wrong and what would be accepted, and appear under the field they belong to.
import { z } from "zod";
import { parseCidr } from "./cidr.js";

/** An IPv4 CIDR whose prefix AWS accepts for VPCs and subnets (/16 to /28). */
export const awsNetworkCidr = z
  .string({ error: "must be a CIDR like 10.0.0.0/16" })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.reason });
    } else if (parsed.cidr.prefix < 16 || parsed.cidr.prefix > 28) {
      ctx.addIssue({ code: "custom", message: `AWS allows /16 to /28 here, not /${parsed.cidr.prefix}` });
    }
  });

/** CloudFormation stack names: a letter, then letters, digits and hyphens, at most 128 characters. */
export const stackName = z
  .string({ error: "must be a stack name like notes-prod" })
  .min(1, "must not be empty")
  .max(128, "CloudFormation allows at most 128 characters")
  .regex(
    /^[A-Za-z][A-Za-z0-9-]*$/,
    "CloudFormation needs a letter first, then only letters, digits and hyphens",
  );

export const awsRegion = z
  .string({ error: "must be an AWS region like us-east-1" })
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region like us-east-1");

// RFC 1123 host name with at least one dot and an alphabetic top-level domain.
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const domainName = z
  .string({ error: "must be a domain name like notes.example.com" })
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.string().regex(HOSTNAME, "must be a domain name like notes.example.com (no scheme, no path)"));

// Deliberately simple: a plain local part, one @, a dotted domain. Let's Encrypt checks deliverability.
// No quotes or shell metacharacters: the address ends up in the instance's boot script.
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const emailAddress = z
  .string({ error: "must be an e-mail address" })
  .trim()
  .regex(EMAIL, "must be an e-mail address like ops@example.com");

export const acmCertificateArn = z
  .string({ error: "must be an ACM certificate ARN" })
  .regex(
    /^arn:aws(-[a-z]+)*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/,
    "must be an ACM certificate ARN like arn:aws:acm:us-east-1:123456789012:certificate/…",
  );

export const ec2InstanceType = z
  .string({ error: "must be an EC2 instance type like t3.micro" })
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like t3.micro")
  // Graviton families (t4g, m7g, c6gn …) are arm64; the instances boot Ubuntu's amd64 image.
  .refine(
    (type) => !/^[a-z]+\d+[a-z]*g/.test(type.split(".")[0] ?? ""),
    "must be an x86_64 type (t3, t3a, m5 …): the AMI is amd64",
  );

export const rdsInstanceClass = z
  .string({ error: "must be an RDS instance class like db.t3.micro" })
  .regex(/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an RDS instance class like db.t3.micro");

export const hostedZoneId = z
  .string({ error: "must be a Route 53 hosted zone ID like Z0123456789ABCDEFGHIJ" })
  .regex(/^Z[A-Z0-9]{1,32}$/, "must be a Route 53 hosted zone ID like Z0123456789ABCDEFGHIJ");

/** A container image reference: registry/repository[:tag][@digest]. */
export const imageUri = z
  .string({ error: "must be an image URI" })
  .max(1024)
  .regex(
    /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:\d+)?(\/[a-z0-9]([a-z0-9._/-]*[a-z0-9])?)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
    "must be an image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-api:1.0",
  );

export const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be a whole number (${what})` })
    .int(`must be a whole number (${what})`)
    .min(min, `must be at least ${min} (${what})`)
    .max(max, `must be at most ${max} (${what})`);
