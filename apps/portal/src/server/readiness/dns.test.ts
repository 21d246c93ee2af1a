import { describe, expect, it } from "vitest";
import { dnsSkipReason, evaluateDns, resolveName } from "./dns";
import { awsTarget, fakeResolver, localTarget } from "./fixtures.test-helpers";

describe("the DNS hop", () => {
  it("passes when the domain resolves to the nginx address from the outputs", async () => {
    const resolver = fakeResolver({ "notes.example.com": ["203.0.113.9"] });
    const verdict = evaluateDns(awsTarget(), await resolveName(resolver, "notes.example.com"));
    expect(verdict).toMatchObject({ outcome: "pass", detail: "notes.example.com → 203.0.113.9" });
    expect(resolver.asked).toEqual(["notes.example.com"]);
  });

  it("fails on a mismatch with a sentence saying which record to change", async () => {
    const resolver = fakeResolver({ "notes.example.com": ["198.51.100.4"] });
    const verdict = evaluateDns(awsTarget(), await resolveName(resolver, "notes.example.com"));
    expect(verdict.outcome).toBe("fail");
    expect(verdict.action).toBe(
      "notes.example.com points to 198.51.100.4 but nginx is at 203.0.113.9: update the A record",
    );
    expect(verdict.error).toBe("notes.example.com resolves to 198.51.100.4, not to nginx's 203.0.113.9");
  });

  it("reports a name that does not exist (NXDOMAIN) and says which record to create", async () => {
    const resolver = fakeResolver({});
    const verdict = evaluateDns(awsTarget(), await resolveName(resolver, "notes.example.com"));
    expect(verdict).toMatchObject({
      outcome: "fail",
      error: "notes.example.com does not exist in DNS (NXDOMAIN)",
      action: "Create an A record for notes.example.com pointing to 203.0.113.9.",
    });
  });

  it("tells a name server failure from a missing name", async () => {
    const resolver = fakeResolver({ "notes.example.com": { code: "ESERVFAIL" } });
    const verdict = evaluateDns(awsTarget(), await resolveName(resolver, "notes.example.com"));
    expect(verdict.error).toBe("DNS lookup of notes.example.com failed (ESERVFAIL)");
  });

  it("in acm mode compares the domain with the load balancer's addresses", async () => {
    const alb = "internal-notes-123.us-east-1.elb.amazonaws.com";
    const target = awsTarget({ edge: "alb", tls: "acm", expectedAddress: alb, connectHost: alb });
    const resolver = fakeResolver({ "notes.example.com": ["192.0.2.7"], [alb]: ["192.0.2.7", "192.0.2.8"] });
    const ok = evaluateDns(
      target,
      await resolveName(resolver, "notes.example.com"),
      await resolveName(resolver, alb),
    );
    expect(ok.outcome).toBe("pass");
    const elsewhere = evaluateDns(target, { addresses: ["198.51.100.4"] }, { addresses: ["192.0.2.7"] });
    expect(elsewhere.action).toBe(
      `notes.example.com points to 198.51.100.4 but the load balancer is ${alb}: point a CNAME (or a Route 53 alias) for notes.example.com at ${alb}`,
    );
  });

  it("does not apply on the local sandbox or without a domain, and says why", () => {
    expect(dnsSkipReason(localTarget(20001))).toBe("local sandbox: no DNS, the app is served at 127.0.0.1");
    expect(dnsSkipReason(awsTarget({ domain: null }))).toBe(
      "no domain: the app is served at the address 203.0.113.9",
    );
    expect(dnsSkipReason(awsTarget())).toBeNull();
  });
});
