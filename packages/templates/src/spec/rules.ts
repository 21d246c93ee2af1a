// Rules that span several fields. Each issue is reported at the path of the field a user should change,
// so the wizard can show it beside that input. Runs only on input whose fields already parsed.
import type { z } from "zod";
import { cidrContains, cidrsOverlap, formatCidr, type Ipv4Cidr, parseCidr } from "./cidr.js";
import { describeFargateMemory, FARGATE_CPU_UNITS, isFargateSize } from "./fargate.js";

/** The parsed spec as the rules see it (declared here, not inferred, to keep schema.ts → rules.ts one-way). */
interface ParsedSpec {
  region: string;
  network: { vpcCidr: string; azCount: number; publicSubnets: string[]; privateSubnets: string[] };
  app: { cpu: number; memoryMiB: number; desiredCount: number; minCount: number; maxCount: number };
  edge: {
    domain: string | null;
    tls: "certbot" | "acm" | "none";
    certbotEmail: string | null;
    acmCertificateArn: string | null;
    hostedZoneId: string | null;
  };
  bastion: { enabled: boolean; access: "ssm" | "ssh"; sshAllowedCidr: string | null };
}

type Report = (path: (string | number)[], message: string) => void;

export function checkCrossFieldRules(spec: ParsedSpec, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message });
  checkSubnets(spec.network, report);
  checkTaskSize(spec.app, report);
  checkEdge(spec.edge, spec.region, report);
  checkBastion(spec.bastion, report);
}

function checkSubnets(network: ParsedSpec["network"], report: Report): void {
  const vpc = parseCidr(network.vpcCidr);
  if (!vpc.ok) return;
  const seen: { path: (string | number)[]; cidr: Ipv4Cidr }[] = [];
  for (const kind of ["publicSubnets", "privateSubnets"] as const) {
    const subnets = network[kind];
    const label = kind === "publicSubnets" ? "public" : "private";
    if (subnets.length < network.azCount) {
      report(
        ["network", kind],
        `${network.azCount} Availability Zones need at least ${network.azCount} ${label} subnets (one per zone), got ${subnets.length}`,
      );
    }
    subnets.forEach((text, index) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) return;
      const path = ["network", kind, index];
      if (!cidrContains(vpc.cidr, parsed.cidr)) {
        report(path, `${text} is outside the VPC ${formatCidr(vpc.cidr)}`);
        return;
      }
      const clash = seen.find((other) => cidrsOverlap(other.cidr, parsed.cidr));
      if (clash)
        report(path, `${text} overlaps ${formatCidr(clash.cidr)} (${clash.path.slice(1).join("[")}])`);
      seen.push({ path, cidr: parsed.cidr });
    });
  }
}

function checkTaskSize(app: ParsedSpec["app"], report: Report): void {
  if (FARGATE_CPU_UNITS.includes(app.cpu) && !isFargateSize(app.cpu, app.memoryMiB)) {
    report(
      ["app", "memoryMiB"],
      `with ${app.cpu} CPU units Fargate offers ${describeFargateMemory(app.cpu)} MiB, not ${app.memoryMiB}`,
    );
  }
  if (app.minCount > app.desiredCount) {
    report(["app", "minCount"], `minimum ${app.minCount} is above the desired count ${app.desiredCount}`);
  }
  if (app.desiredCount > app.maxCount) {
    report(["app", "maxCount"], `maximum ${app.maxCount} is below the desired count ${app.desiredCount}`);
  }
}

/** The partition a region belongs to, as the first field of its ARNs says it. */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

/**
 * ACM certificates are regional and an ALB's HTTPS listener can only use one from its own region (and
 * partition): any other ARN fails the listener at deploy time, long after the wizard accepted it.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html
 * https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html
 */
function checkCertificateRegion(arn: string, region: string, report: Report): void {
  const [, partition, , certificateRegion] = arn.split(":");
  const path = ["edge", "acmCertificateArn"];
  if (partition !== partitionOf(region)) {
    report(
      path,
      `the certificate is in partition ${partition}, the stack's region ${region} is in ${partitionOf(region)}`,
    );
  } else if (certificateRegion !== region) {
    report(
      path,
      `the certificate is in ${certificateRegion} but the load balancer is in ${region}: an ALB can only use an ACM certificate from its own region (request or import one in ${region})`,
    );
  }
}

function checkEdge(edge: ParsedSpec["edge"], region: string, report: Report): void {
  if (edge.tls === "certbot") {
    if (!edge.domain) report(["edge", "domain"], "certbot needs a domain name to issue a certificate for");
    if (!edge.certbotEmail) {
      report(["edge", "certbotEmail"], "certbot needs an e-mail address for Let's Encrypt expiry notices");
    }
  }
  if (edge.tls === "acm") {
    if (!edge.acmCertificateArn) {
      report(["edge", "acmCertificateArn"], 'TLS "acm" needs the ARN of an ACM certificate for the domain');
    }
    // Only where it is used: an ARN left over from switching to another TLS mode is ignored.
    else checkCertificateRegion(edge.acmCertificateArn, region, report);
    if (!edge.domain) report(["edge", "domain"], 'TLS "acm" needs the domain the certificate is for');
  }
  if (edge.hostedZoneId && !edge.domain) {
    report(["edge", "domain"], "a Route 53 record needs a domain name to create");
  }
}

function checkBastion(bastion: ParsedSpec["bastion"], report: Report): void {
  const cidr = bastion.sshAllowedCidr;
  const path = ["bastion", "sshAllowedCidr"];
  if (cidr !== null) {
    if (cidr.trim() === "0.0.0.0/0" || /^::\/0$/.test(cidr.trim())) {
      report(
        path,
        "SSH must never be open to the whole internet: give your own address, e.g. 203.0.113.7/32",
      );
      return;
    }
    const parsed = parseCidr(cidr.trim());
    if (!parsed.ok) {
      const bareAddress = /^\d{1,3}(\.\d{1,3}){3}$/.test(cidr.trim());
      report(path, bareAddress ? `add a prefix: ${cidr.trim()}/32 for one address` : parsed.reason);
    } else if (parsed.cidr.prefix < 8) {
      report(path, `/${parsed.cidr.prefix} opens SSH to a large part of the internet; use your own address`);
    }
  }
  if (bastion.enabled && bastion.access === "ssh" && cidr === null) {
    report(path, 'SSH access needs the one CIDR allowed to connect (or use access "ssm")');
  }
}
