import { describe, expect, it } from "vitest";
import { resolveCallerAddress } from "./caller-address";

describe("use my IP", () => {
  it("fills the client's address as a /32", () => {
    expect(resolveCallerAddress("203.0.113.7")).toEqual({
      ok: true,
      address: "203.0.113.7",
      cidr: "203.0.113.7/32",
      loopback: false,
    });
  });

  it("unwraps IPv4-mapped IPv6 and flags loopback; refuses plain IPv6 and an unknown address", () => {
    expect(resolveCallerAddress("::ffff:127.0.0.1")).toMatchObject({ cidr: "127.0.0.1/32", loopback: true });
    expect(resolveCallerAddress("2001:db8::1")).toMatchObject({ ok: false });
    expect(resolveCallerAddress(null)).toMatchObject({ ok: false });
  });
});
