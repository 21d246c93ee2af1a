import { describe, expect, it } from "vitest";
import { acceptedOrigins } from "../public-origin";
import { originProblem } from "./origin";

const PORTAL = "http://127.0.0.1:3000";

function post(headers: Record<string, string>) {
  return new Request(`${PORTAL}/api/trpc/auth.signIn`, { method: "POST", headers });
}

describe("originProblem", () => {
  it("accepts the portal's own origin", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: PORTAL }), PORTAL)).toBeNull();
  });

  it("refuses another site, naming it", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "https://evil.example" }), PORTAL)).toMatch(
      /not from https:\/\/evil\.example/,
    );
  });

  it("refuses a request without Origin and a malformed one", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000" }), PORTAL)).toMatch(/no Origin header/);
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "null" }), PORTAL)).toMatch(/not a URL/);
  });

  it("refuses a different port on the same host (another local app)", () => {
    expect(
      originProblem(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:8080" }), PORTAL),
    ).not.toBeNull();
  });

  it("compares with the configured public origin, not a Host the client chose (issue 13, item 10)", () => {
    // A DNS-rebound page at evil.example:3000 sends Host and Origin that agree with each other.
    const rebound = post({ host: "evil.example:3000", origin: "http://evil.example:3000" });
    expect(originProblem(rebound, PORTAL)).toMatch(/not from http:\/\/evil\.example:3000/);
    const forwarded = post({ "x-forwarded-host": "evil.example", origin: "http://evil.example" });
    expect(originProblem(forwarded, PORTAL)).not.toBeNull();
    expect(originProblem(post({ origin: "https://portal.example" }), "https://portal.example")).toBeNull();
  });

  it("accepts the loopback's other names for the listen port when no public URL is configured", () => {
    const unconfigured = acceptedOrigins({ port: 3000, publicOrigin: null });
    expect(originProblem(post({ origin: "http://localhost:3000" }), unconfigured)).toBeNull();
    expect(originProblem(post({ origin: "http://localhost:8080" }), unconfigured)).not.toBeNull();
    const configured = acceptedOrigins({ port: 3000, publicOrigin: "https://portal.example" });
    expect(originProblem(post({ origin: "http://localhost:3000" }), configured)).not.toBeNull();
    expect(originProblem(post({ origin: "https://portal.example" }), configured)).toBeNull();
  });
});
