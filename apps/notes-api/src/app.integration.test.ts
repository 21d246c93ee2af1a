import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./testing/app.test-helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("app");
});
afterAll(async () => t?.close());

describe("hardening visible to every client", () => {
  it("sends security headers on pages", async () => {
    const res = await t.app.inject({ url: "/" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("same-origin");
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("sets the CSRF cookie HttpOnly and SameSite=Strict", async () => {
    const res = await t.app.inject({ url: "/" });
    const cookie = res.cookies.find((c) => c.name === "notes_csrf");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
  });

  it("an unknown page is an HTML 404 that escapes the URL", async () => {
    const res = await t.app.inject({ url: "/%3Cscript%3Ealert(1)%3C/script%3E" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain("Page not found");
    expect(res.body).not.toContain("<script>alert");
  });

  it("a form body over the limit is a 413 page", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/notes",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `title=a&description=${"x".repeat(20_000)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain("The request body is too large");
  });

  it("echoes a caller's X-Request-Id and makes one up otherwise", async () => {
    const given = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "alb-trace-123" } });
    expect(given.headers["x-request-id"]).toBe("alb-trace-123");
    const made = await t.app.inject({ url: "/healthz" });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "a".repeat(500) } });
    expect(hostile.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the stylesheet the CSP allows", async () => {
    const res = await t.app.inject({ url: "/static/app.css" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/css/);
  });

  it("/healthz and /readyz answer 200 while the database is up", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.headers["cache-control"]).toBe("no-store");
    expect(ready.json()).toEqual({
      status: "ready",
      database: { ok: true, roundTripMs: expect.any(Number) },
    });
    const { roundTripMs } = ready.json().database;
    expect(roundTripMs).toBeGreaterThan(0);
    expect(roundTripMs).toBeLessThan(1000);
  });
});
