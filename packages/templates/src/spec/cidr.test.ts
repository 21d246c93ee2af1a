import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  cidrContains,
  cidrsOverlap,
  formatCidr,
  lastAddress,
  parseCidr,
  suggestSubnets,
  usableAddresses,
} from "./cidr.js";
import { parseEnvironmentSpec } from "./parse.js";

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr;
};

describe("CIDR helpers for drawing the VPC", () => {
  test("range, size and usable addresses of a subnet", () => {
    const subnet = cidr("10.0.16.0/20");
    expect(formatCidr(subnet)).toBe("10.0.16.0/20");
    expect(lastAddress(subnet)).toBe("10.0.31.255");
    expect(usableAddresses(subnet)).toBe(4091); // AWS keeps five addresses per subnet
  });

  test("containment and overlap", () => {
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.0.255.0/24"))).toBe(true);
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.1.0.0/24"))).toBe(false);
    expect(cidrsOverlap(cidr("10.0.0.0/24"), cidr("10.0.0.128/25"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/25"), cidr("10.0.0.128/25"))).toBe(false);
  });

  test("rejects malformed input with a reason", () => {
    expect(parseCidr("10.0.0.256/24")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/above 255/),
    });
    expect(parseCidr("10.0.0.0/33")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/above \/32/),
    });
    expect(parseCidr("10.0.0.0")).toMatchObject({ ok: false });
  });
});

describe("suggestSubnets", () => {
  test("the seed's layout for 10.0.0.0/16", () => {
    expect(suggestSubnets("10.0.0.0/16")).toEqual({
      publicSubnets: ["10.0.0.0/20", "10.0.16.0/20"],
      privateSubnets: ["10.0.128.0/20", "10.0.144.0/20", "10.0.160.0/20"],
    });
  });

  test("too small a VPC or a bad CIDR gives null, not a broken layout", () => {
    expect(suggestSubnets("10.0.0.0/27")).toBeNull();
    expect(suggestSubnets("not a cidr")).toBeNull();
  });

  test("for every VPC size AWS allows that fits them, the suggestion is a valid spec", () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.integer({ min: 16, max: 25 }),
        fc.constantFrom(2, 3),
        (ip, prefix, azCount) => {
          const size = 2 ** (32 - prefix);
          const base = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
          const vpcCidr = formatCidr({ network: Math.floor(base / size) * size, prefix, size });
          const subnets = suggestSubnets(vpcCidr, azCount, Math.max(3, azCount));
          if (!subnets) return;
          const result = parseEnvironmentSpec({ network: { vpcCidr, azCount, ...subnets } });
          expect(result.ok ? [] : result.errors).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
