import { describe, expect, it } from "vitest";
import { resolveCallerAddress, trustedProxyHops } from "./caller-address";

describe("use my IP", () => {
  it("fills the address Next.js recorded as a /32 when no proxy is trusted", () => {
    expect(resolveCallerAddress("203.0.113.7", 0)).toEqual({
      ok: true,
      address: "203.0.113.7",
      cidr: "203.0.113.7/32",
      loopback: false,
    });
  });

  it("refuses a forwarded chain when no proxy is trusted, instead of believing its first entry", () => {
    const result = resolveCallerAddress("198.51.100.1, 203.0.113.7", 0);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/TRUST_PROXY/) });
  });

  it("behind one trusted proxy takes the entry that proxy appended, not one the client wrote", () => {
    expect(resolveCallerAddress("6.6.6.6, 203.0.113.7", 1)).toMatchObject({ cidr: "203.0.113.7/32" });
    expect(resolveCallerAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toMatchObject({
      cidr: "203.0.113.7/32",
    });
  });

  it("unwraps IPv4-mapped IPv6 and flags loopback; refuses plain IPv6", () => {
    expect(resolveCallerAddress("::ffff:127.0.0.1", 0)).toMatchObject({
      cidr: "127.0.0.1/32",
      loopback: true,
    });
    expect(resolveCallerAddress("2001:db8::1", 0)).toMatchObject({ ok: false });
    expect(resolveCallerAddress(null, 0)).toMatchObject({ ok: false });
  });

  it("reads TRUST_PROXY as a hop count", () => {
    expect([undefined, "", "0", "false", "x"].map(trustedProxyHops)).toEqual([0, 0, 0, 0, 0]);
    expect(["true", "1", "2"].map(trustedProxyHops)).toEqual([1, 1, 2]);
  });
});
