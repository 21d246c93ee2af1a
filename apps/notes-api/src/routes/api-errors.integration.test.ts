import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../testing/app.test-helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("apierr");
});
afterAll(async () => t?.close());

describe("JSON API: bad input", () => {
  it.each([
    [{ description: "no title" }, "title", "Title is required"],
    [{ title: "x".repeat(65), description: "d" }, "title", "Title must be at most 64 characters"],
    [
      { title: "t", description: "x".repeat(121) },
      "description",
      "Description must be at most 120 characters",
    ],
    [{ title: 42, description: "d" }, "title", "Title is required"],
  ])("400 for %j names the field", async (payload, field, message) => {
    const res = await t.app.inject({ method: "POST", url: "/api/notes", payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, message, field });
  });

  it("update without a version is a 400 on the version field", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      payload: { title: "a", description: "b" },
    });
    const res = await t.app.inject({
      method: "PUT",
      url: `/api/notes/${created.json().id}`,
      payload: { title: "a2", description: "b2" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe("version");
  });

  it("malformed JSON is a 400 with a JSON body", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      headers: { "content-type": "application/json" },
      payload: '{"title": "oops",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe("The body is not valid JSON");
  });

  it("a body over the limit is a 413", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      payload: { title: "big", description: "x".repeat(20_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe("The request body is too large");
  });

  it("a form post to the API is refused (415), so other sites cannot drive it", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "title=a&description=b",
    });
    expect(res.statusCode).toBe(415);
    const textPlain = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      headers: { "content-type": "text/plain" },
      payload: '{"title":"a","description":"b"}',
    });
    expect(textPlain.statusCode).toBe(415);
  });

  it("a request from another origin is refused (403); the same origin is fine", async () => {
    const payload = { title: "a", description: "b" };
    const evil = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      headers: { origin: "https://evil.example", host: "notes.example" },
      payload,
    });
    expect(evil.statusCode).toBe(403);
    const same = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      headers: { origin: "http://notes.example", host: "notes.example" },
      payload,
    });
    expect(same.statusCode).toBe(201);
  });

  // An origin is scheme, host and port (RFC 6454); the local sandbox serves the app on a port of its own,
  // and nginx forwards Host with that port ($http_host).
  // https://developer.mozilla.org/en-US/docs/Glossary/Origin
  it("compares full origins: scheme, host and port", async () => {
    const payload = { title: "a", description: "b" };
    const post = (origin: string, host: string) =>
      t.app.inject({ method: "POST", url: "/api/notes", headers: { origin, host }, payload });
    expect((await post("http://127.0.0.1:8123", "127.0.0.1:8123")).statusCode).toBe(201);
    expect((await post("http://127.0.0.1:9999", "127.0.0.1:8123")).statusCode).toBe(403);
    expect((await post("http://127.0.0.1", "127.0.0.1:8123")).statusCode).toBe(403);
    // The request came in over plain HTTP: a page served over HTTPS is another origin.
    expect((await post("https://127.0.0.1:8123", "127.0.0.1:8123")).statusCode).toBe(403);
    expect((await post("http://notes.example:80", "notes.example")).statusCode).toBe(201);
  });

  // A POST without a body and without Content-Type is a CORS "simple request" any page can send without a
  // preflight: https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS#simple_requests
  it("every JSON POST needs Content-Type: application/json, even an empty one", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/notes",
      payload: { title: "t", description: "d" },
    });
    const id = created.json().id;
    const bodyless = await t.app.inject({ method: "POST", url: `/api/notes/${id}/toggle` });
    expect(bodyless.statusCode).toBe(415);
    const lookalike = await t.app.inject({
      method: "POST",
      url: `/api/notes/${id}/toggle`,
      headers: { "content-type": "application/jsonp" },
      payload: "{}",
    });
    expect(lookalike.statusCode).toBe(415);
    const json = await t.app.inject({ method: "POST", url: `/api/notes/${id}/toggle`, payload: {} });
    expect(json.statusCode).toBe(200);
  });

  it.each(["/api/notes/abc", "/api/notes/0", "/api/notes/1.5"])("%s is a 400 on the id", async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe("id");
  });

  it("an unknown API route is a JSON 404", async () => {
    const res = await t.app.inject({ url: "/api/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.json()).toMatchObject({ statusCode: 404, message: "Nothing here at GET /api/nope" });
  });
});
