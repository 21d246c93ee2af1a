// Behind nginx and the ALB (TRUST_PROXY), the app must see the browser's scheme: over HTTPS the CSRF cookie
// is marked Secure; without trust, a forged X-Forwarded-Proto changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./testing/app.test-helpers.js";

let trusting: TestApp;
let direct: TestApp;
let behindAlb: TestApp;
beforeAll(async () => {
  trusting = await startTestApp("proxy", { TRUST_PROXY: "2" });
  direct = await startTestApp("direct");
  behindAlb = await startTestApp("behindalb", {
    TRUST_PROXY: "127.0.0.1",
    PROXY_PROTO_HEADER: "x-stackyard-proto",
  });
});
afterAll(async () => {
  await trusting?.close();
  await direct?.close();
  await behindAlb?.close();
});

const csrfCookie = async (t: TestApp, headers: Record<string, string>) =>
  (await t.app.inject({ url: "/", headers })).cookies.find((c) => c.name === "notes_csrf");

describe("TRUST_PROXY", () => {
  it("marks the CSRF cookie Secure when the proxy says the browser used HTTPS", async () => {
    const headers = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7, 10.0.1.20" };
    expect((await csrfCookie(trusting, headers))?.secure).toBe(true);
    expect((await csrfCookie(trusting, {}))?.secure).toBeFalsy();
  });

  it("ignores X-Forwarded-* from clients when no proxy is trusted", async () => {
    expect((await csrfCookie(direct, { "x-forwarded-proto": "https" }))?.secure).toBeFalsy();
  });
});

// The internal ALB sets X-Forwarded-Proto to the scheme of its own (http) listener, whatever nginx sent:
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html#x-forwarded-proto
describe("PROXY_PROTO_HEADER (nginx in front of the internal ALB)", () => {
  const fromAlb = { "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.7, 10.0.0.9" };

  it("takes the browser's scheme from X-Stackyard-Proto, not from the ALB's X-Forwarded-Proto", async () => {
    const https = { ...fromAlb, "x-stackyard-proto": "https" };
    expect((await csrfCookie(behindAlb, https))?.secure).toBe(true);
    expect((await csrfCookie(behindAlb, { ...fromAlb, "x-stackyard-proto": "http" }))?.secure).toBeFalsy();
    expect((await csrfCookie(behindAlb, fromAlb))?.secure).toBeFalsy();
  });

  it("ignores the header from a peer it does not trust", async () => {
    const untrusted = await behindAlb.app.inject({
      url: "/",
      remoteAddress: "198.51.100.4",
      headers: { "x-stackyard-proto": "https" },
    });
    expect(untrusted.cookies.find((c) => c.name === "notes_csrf")?.secure).toBeFalsy();
  });

  it("uses that scheme for the API's same-origin check", async () => {
    const post = (origin: string) =>
      behindAlb.app.inject({
        method: "POST",
        url: "/api/notes",
        headers: { ...fromAlb, "x-stackyard-proto": "https", host: "notes.example.com", origin },
        payload: { title: "t", description: "d" },
      });
    expect((await post("https://notes.example.com")).statusCode).toBe(201);
    expect((await post("http://notes.example.com")).statusCode).toBe(403);
  });
});
