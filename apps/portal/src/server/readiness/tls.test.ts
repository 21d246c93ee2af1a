import { describe, expect, it } from "vitest";
import { awsTarget, localTarget } from "./fixtures.test-helpers";
import { type CertificateSeen, evaluateTls, tlsSkipReason } from "./tls";

const NOW = new Date("2026-11-28T12:00:00Z");

function cert(overrides: Partial<CertificateSeen> = {}): { certificate: CertificateSeen } {
  return {
    certificate: {
      authorized: true,
      authorizationError: null,
      hostnameError: null,
      subject: "CN=notes.example.com",
      issuer: "Let's Encrypt",
      validFrom: new Date("2026-10-01T00:00:00Z"),
      validTo: new Date("2027-01-27T12:00:00Z"),
      ...overrides,
    },
  };
}

describe("the TLS hop", () => {
  it("passes a trusted certificate for the domain, with its issuer and days to expiry", () => {
    expect(evaluateTls(awsTarget(), cert(), NOW)).toEqual({
      outcome: "pass",
      detail: "CN=notes.example.com, issued by Let's Encrypt, expires 2027-01-27 (in 60 days)",
    });
  });

  it("says renewal is due when fewer than 14 days remain", () => {
    const soon = evaluateTls(awsTarget(), cert({ validTo: new Date("2026-12-05T12:00:00Z") }), NOW);
    expect(soon.outcome).toBe("pass");
    expect(soon.detail).toContain("in 7 days); renewal is due");
  });

  it("reports a self-signed certificate as untrusted, with its expiry", () => {
    const verdict = evaluateTls(
      awsTarget(),
      cert({
        authorized: false,
        authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT",
        issuer: "notes.example.com",
      }),
      NOW,
    );
    expect(verdict.outcome).toBe("fail");
    expect(verdict.error).toBe("untrusted: self-signed certificate (expires 2027-01-27 (in 60 days))");
    expect(verdict.action).toMatch(/public authority.*certbot/);
  });

  it("fails an expired certificate and says how to renew it", () => {
    const verdict = evaluateTls(awsTarget(), cert({ validTo: new Date("2026-11-20T00:00:00Z") }), NOW);
    expect(verdict).toMatchObject({ outcome: "fail", error: "expired on 2026-11-20" });
    expect(verdict.action).toContain("certbot renew");
  });

  it("fails a certificate for another name", () => {
    const verdict = evaluateTls(
      awsTarget(),
      cert({
        hostnameError:
          "the certificate is not valid for notes.example.com: Host: notes.example.com. is not cert's CN: other.example.org",
      }),
      NOW,
    );
    expect(verdict.outcome).toBe("fail");
    expect(verdict.error).toMatch(/not valid for notes.example.com/);
    expect(verdict.action).toBe("Issue a certificate that covers notes.example.com.");
  });

  it("fails an incomplete chain with the OpenSSL code", () => {
    const verdict = evaluateTls(
      awsTarget(),
      cert({ authorized: false, authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }),
      NOW,
    );
    expect(verdict.error).toMatch(/^untrusted: UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    expect(verdict.action).toContain("fullchain.pem");
  });

  it("explains a missing HTTPS listener by certbot waiting for DNS", () => {
    const verdict = evaluateTls(awsTarget(), { connectError: "connection refused by 203.0.113.9:443" }, NOW);
    expect(verdict.outcome).toBe("fail");
    expect(verdict.action).toContain(
      "certbot issues the certificate once notes.example.com resolves to nginx",
    );
  });

  it("is skipped when TLS is off, or locally where nginx serves plain HTTP", () => {
    expect(tlsSkipReason(awsTarget({ scheme: "http", tls: "none", port: 80 }))).toBe(
      "TLS is off for this environment (edge.tls is none)",
    );
    expect(tlsSkipReason(localTarget())).toBe("local sandbox: nginx serves plain HTTP");
    expect(tlsSkipReason(awsTarget())).toBeNull();
  });
});
