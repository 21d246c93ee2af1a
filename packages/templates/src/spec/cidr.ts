// IPv4 CIDR arithmetic for the wizard (drawing the VPC address space, suggesting subnets) and for spec
// validation. Pure number maths: no node: built-ins, because the portal's browser code imports it.

export interface Ipv4Cidr {
  /** First address of the block as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefix: number;
  /** Number of addresses in the block (2^(32 - prefix)). */
  readonly size: number;
}

const CIDR_SYNTAX = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export type CidrParseResult = { ok: true; cidr: Ipv4Cidr } | { ok: false; reason: string };

/** Parses "a.b.c.d/n" strictly: octets 0-255, prefix 0-32 and no host bits set (AWS would renumber those). */
export function parseCidr(text: string): CidrParseResult {
  const match = CIDR_SYNTAX.exec(text);
  if (!match) return { ok: false, reason: `"${text}" is not an IPv4 CIDR like 10.0.0.0/16` };
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((octet) => octet > 255)) return { ok: false, reason: `"${text}" has an octet above 255` };
  const prefix = Number(match[5]);
  if (prefix > 32) return { ok: false, reason: `"${text}" has a prefix above /32` };
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  if (network !== address) {
    return {
      ok: false,
      reason: `"${text}" has host bits set; did you mean ${formatCidr({ network, prefix, size })}?`,
    };
  }
  return { ok: true, cidr: { network, prefix, size } };
}

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.network)}/${cidr.prefix}`;
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.network >= outer.network && inner.network + inner.size <= outer.network + outer.size;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

/** Last address of the block, for drawing ranges ("10.0.0.0 – 10.0.255.255"). */
export function lastAddress(cidr: Ipv4Cidr): string {
  return formatAddress(cidr.network + cidr.size - 1);
}

/** AWS reserves five addresses in every subnet (network, router, DNS, future use, broadcast). */
export function usableAddresses(cidr: Ipv4Cidr): number {
  return Math.max(0, cidr.size - 5);
}

export interface SubnetSuggestion {
  publicSubnets: string[];
  privateSubnets: string[];
}

/**
 * The default layout: `publicCount` public subnets in the VPC's lower half and `privateCount` private
 * subnets in its upper half, each half cut into at least 8 equal slots (at most /20, at least /28), so a
 * user can add subnets later without renumbering. The defaults follow the seed: 2 public, 3 private.
 * For 10.0.0.0/16 this gives 10.0.0.0/20, 10.0.16.0/20 and 10.0.128.0/20, 10.0.144.0/20, 10.0.160.0/20.
 * Returns null when the VPC CIDR is invalid or too small to hold the subnets at /28.
 */
export function suggestSubnets(vpcCidr: string, publicCount = 2, privateCount = 3): SubnetSuggestion | null {
  const parsed = parseCidr(vpcCidr);
  if (!parsed.ok) return null;
  const vpc = parsed.cidr;
  const total = publicCount + privateCount;
  // Split the VPC in two halves (public, private); each half holds its subnets in equal slots.
  const slotsPerHalf = Math.max(publicCount, privateCount, 1);
  const slotPrefix = Math.min(
    28,
    Math.max(vpc.prefix + 1 + Math.ceil(Math.log2(Math.max(slotsPerHalf, 8))), 20),
  );
  if (slotPrefix > 28 || total === 0) return null;
  const slotSize = 2 ** (32 - slotPrefix);
  const halfSize = vpc.size / 2;
  if (slotSize * slotsPerHalf > halfSize) return null;
  const subnetAt = (base: number, index: number) =>
    formatCidr({ network: base + index * slotSize, prefix: slotPrefix, size: slotSize });
  return {
    publicSubnets: Array.from({ length: publicCount }, (_, i) => subnetAt(vpc.network, i)),
    privateSubnets: Array.from({ length: privateCount }, (_, i) => subnetAt(vpc.network + halfSize, i)),
  };
}
