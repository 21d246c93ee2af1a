import { describe, expect, it } from "vitest";
import { awsTarget, localTarget } from "./fixtures.test-helpers";
import { evaluateApp, evaluateDatabase, evaluateNginx, parseReadyz } from "./http-hops";

const marker = { "x-stackyard-proxy": "nginx" };
const hsts = { "strict-transport-security": "max-age=31536000" };
const ready = JSON.stringify({ status: "ready", database: { ok: true, roundTripMs: 3 } });
const dbDown = JSON.stringify({
  status: "database unavailable",
  database: { ok: false, error: "connection refused" },
});

describe("the nginx hop", () => {
  it("passes when nginx answers with its marker (and HSTS over HTTPS)", () => {
    const verdict = evaluateNginx(awsTarget(), { status: 404, headers: { ...marker, ...hsts }, body: "" });
    expect(verdict).toEqual({
      outcome: "pass",
      detail:
        "nginx at 203.0.113.9:443 answered with X-Stackyard-Proxy, Strict-Transport-Security (404 for the probe's own path, as expected)",
    });
    expect(evaluateNginx(localTarget(), { status: 404, headers: marker, body: "" }).outcome).toBe("pass");
    expect(evaluateNginx(localTarget(20001), { status: 200, headers: marker, body: "" }).detail).toBe(
      "nginx at 127.0.0.1:20001 answered HTTP 200 with X-Stackyard-Proxy",
    );
  });

  it("fails when something else answers on the address (no marker)", () => {
    const verdict = evaluateNginx(localTarget(20001), {
      status: 200,
      headers: { server: "SimpleHTTP/0.6" },
      body: "",
    });
    expect(verdict).toMatchObject({
      outcome: "fail",
      detail: "HTTP 200 without the X-Stackyard-Proxy header, Server: SimpleHTTP/0.6",
      error: "something other than this environment's nginx answered at 127.0.0.1:20001",
    });
  });

  it("fails when nginx over HTTPS does not send HSTS", () => {
    const verdict = evaluateNginx(awsTarget(), { status: 404, headers: marker, body: "" });
    expect(verdict.error).toBe("nginx does not send strict-transport-security");
  });

  it("fails when nothing answers, pointing at nginx's log locally", () => {
    const verdict = evaluateNginx(localTarget(20001), {
      connectError: "connection refused by 127.0.0.1:20001",
    });
    expect(verdict).toMatchObject({ outcome: "fail", error: "connection refused by 127.0.0.1:20001" });
    expect(verdict.action).toContain("nginx is not running");
  });
});

describe("the app hop", () => {
  it("passes when notes-api answers /readyz, even while it reports its database down", () => {
    expect(evaluateApp(localTarget(), { status: 200, headers: marker, body: ready }).outcome).toBe("pass");
    expect(evaluateApp(localTarget(), { status: 503, headers: marker, body: dbDown }).outcome).toBe("pass");
  });

  it("reads a 502 with nginx's marker as nginx up but the app unreachable", () => {
    const verdict = evaluateApp(awsTarget(), { status: 502, headers: marker, body: "<html>" });
    expect(verdict.error).toBe("nginx is up but cannot reach the app (502 Bad Gateway)");
    expect(verdict.action).toContain("target group");
    expect(evaluateApp(awsTarget(), { status: 504, headers: marker, body: "" }).error).toContain(
      "504 Gateway Timeout",
    );
  });

  it("fails a draining app and an answer that is not notes-api's", () => {
    const draining = evaluateApp(localTarget(), {
      status: 503,
      headers: marker,
      body: '{"status":"draining"}',
    });
    expect(draining.error).toBe("the app is shutting down (draining)");
    const other = evaluateApp(localTarget(), { status: 200, headers: marker, body: "<html>hello</html>" });
    expect(other.error).toBe("/readyz did not answer like notes-api (HTTP 200: <html>hello</html>)");
  });
});

describe("the database hop", () => {
  it("passes with the round trip notes-api measured as its latency", () => {
    const body = parseReadyz(ready);
    expect(body && evaluateDatabase(localTarget(), body)).toEqual({
      outcome: "pass",
      detail: "notes-api reached its database in 3 ms",
      latencyMs: 3,
    });
  });

  it("fails with notes-api's reason and names the database endpoint", () => {
    const body = parseReadyz(dbDown);
    const verdict = body && evaluateDatabase(localTarget(), body);
    expect(verdict).toMatchObject({
      outcome: "fail",
      detail: "notes-api cannot reach 127.0.0.1:3317",
      error: "database unavailable: connection refused",
    });
    expect(verdict?.action).toContain("The MariaDB at 127.0.0.1:3317");
  });

  it("does not take arbitrary JSON for a readiness answer", () => {
    expect(parseReadyz("not json")).toBeNull();
    expect(parseReadyz('{"ok":true}')).toBeNull();
  });
});
