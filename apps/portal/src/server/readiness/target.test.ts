import { describe, expect, it } from "vitest";
import { probeTargetOf } from "./target";

const spec = { edge: { domain: "notes.example.com", tls: "certbot", certbotEmail: "ops@example.com" } };

describe("where a probe goes", () => {
  it("on the local sandbox: the AppUrl's loopback port, plain HTTP, no DNS", () => {
    const result = probeTargetOf({
      target: "local",
      spec: {},
      outputs: { AppUrl: "http://127.0.0.1:20417", NginxPublicIp: "127.0.0.1", DbEndpoint: "127.0.0.1:3317" },
    });
    expect(result).toEqual({
      ok: true,
      target: expect.objectContaining({
        scheme: "http",
        connectHost: "127.0.0.1",
        port: 20417,
        domain: null,
        tls: "none",
        databaseEndpoint: "127.0.0.1:3317",
      }),
    });
  });

  it("on AWS with a domain: connects to the nginx EIP on 443 and expects the domain to resolve there", () => {
    const result = probeTargetOf({
      target: "aws",
      spec,
      outputs: { AppUrl: "https://notes.example.com", NginxPublicIp: "203.0.113.9" },
    });
    expect(result.ok && result.target).toMatchObject({
      scheme: "https",
      connectHost: "203.0.113.9",
      port: 443,
      domain: "notes.example.com",
      edge: "nginx",
      expectedAddress: "203.0.113.9",
    });
  });

  it("in acm mode the load balancer is the edge", () => {
    const alb = "notes-123.us-east-1.elb.amazonaws.com";
    const result = probeTargetOf({
      target: "aws",
      spec: {
        edge: {
          domain: "notes.example.com",
          tls: "acm",
          acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        },
      },
      outputs: { AppUrl: "https://notes.example.com", AlbDnsName: alb },
    });
    expect(result.ok && result.target).toMatchObject({ edge: "alb", connectHost: alb, expectedAddress: alb });
  });

  it("refuses an environment without an AppUrl yet, saying why", () => {
    expect(probeTargetOf({ target: "local", spec: {}, outputs: null })).toEqual({
      ok: false,
      reason: "the stack has no AppUrl output yet: wait for the operation to finish",
    });
  });
});
