import { describe, expect, it } from "vitest";
import { originProblem } from "./origin";

function post(headers: Record<string, string>) {
  return new Request("http://127.0.0.1:3000/api/trpc/auth.signIn", { method: "POST", headers });
}

describe("originProblem", () => {
  it("accepts the portal's own origin", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBeNull();
  });

  it("refuses another site, naming it", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toMatch(
      /not from https:\/\/evil\.example/,
    );
  });

  it("refuses a request without Origin and a malformed one", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000" }))).toMatch(/no Origin header/);
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "null" }))).toMatch(/not a URL/);
  });

  it("refuses a different port on the same host (another local app)", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:8080" }))).not.toBeNull();
  });
});
