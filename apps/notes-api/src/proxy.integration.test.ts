// Behind nginx and the ALB (TRUST_PROXY), the app must see the browser's scheme: over HTTPS the CSRF cookie
// is marked Secure; without trust, a forged X-Forwarded-Proto changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./testing/app.test-helpers.js";

let trusting: TestApp;
let direct: TestApp;
beforeAll(async () => {
  trusting = await startTestApp("proxy", { TRUST_PROXY: "2" });
  direct = await startTestApp("direct");
});
afterAll(async () => {
  await trusting?.close();
  await direct?.close();
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
