import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/app.test-helpers.js";
import { FAVICON, STYLESHEET } from "../views/assets.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("static");
});
afterAll(async () => t?.close());

describe("static assets", () => {
  it("pages link the stylesheet and icon by content hash, served for a year with an ETag", async () => {
    const page = (await t.app.inject({ url: "/" })).body;
    expect(STYLESHEET.url).toMatch(/^\/static\/app\.[0-9a-f]{12}\.css$/);
    expect(page).toContain(`<link rel="stylesheet" href="${STYLESHEET.url}">`);
    expect(page).toContain(`<link rel="icon" href="${FAVICON.url}" type="image/svg+xml">`);
    const css = await t.app.inject({ url: STYLESHEET.url });
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(css.headers.etag).toBe(STYLESHEET.etag);
    expect(css.body).toContain("prefers-color-scheme: dark");
    // The CSP still forbids inline style: the stylesheet is why it never needs to allow it.
    expect(css.headers["content-security-policy"]).toContain("style-src 'self'");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const res = await t.app.inject({ url: STYLESHEET.url, headers: { "if-none-match": STYLESHEET.etag } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe("");
  });

  it("the plain name and another release's hash get the current file, revalidated every time", async () => {
    for (const url of ["/static/app.css", "/static/app.0123456789ab.css"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toBe(STYLESHEET.body.toString());
    }
  });

  it("an unknown file is a 404, not another file", async () => {
    for (const url of ["/static/app.js", "/static/..%2Fpackage.json", "/static/app.12.css"]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it("/favicon.ico (asked for by browsers) redirects to the icon instead of logging a 404", async () => {
    const res = await t.app.inject({ url: "/favicon.ico" });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(FAVICON.url);
    const icon = await t.app.inject({ url: FAVICON.url });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/svg+xml");
    expect(icon.body).toMatch(/^<svg /);
  });
});
