// notes-api's pino lines (apps/notes-api/src/app.ts: one "request completed" line per request) as the
// dashboard shows them, and the filter the panel and the API apply.
import { describe, expect, it } from "vitest";
import { MAX_RAW_CHARS, matchesFilter, parseLogLine } from "./log-parse.js";

const source = { id: "x", task: "notes-api-20001", fallbackTime: new Date("2026-12-07T00:00:00Z") };
const request =
  '{"level":30,"time":"2026-12-07T01:36:40.112Z","pid":1982,"reqId":"af1dabcf-ab00-41fc-9108-b907ebbe4a68","req":{"method":"GET","url":"/notes","remoteAddress":"127.0.0.1"},"res":{"statusCode":200},"responseTime":3.0457390000001396,"msg":"request completed"}';

describe("parseLogLine", () => {
  it("reads time, level, message, request id, status and duration from a request line", () => {
    const line = parseLogLine(request, source);
    expect(line).toMatchObject({
      timestamp: new Date("2026-12-07T01:36:40.112Z"),
      level: "info",
      message: "request completed",
      requestId: "af1dabcf-ab00-41fc-9108-b907ebbe4a68",
      method: "GET",
      url: "/notes",
      status: 200,
      durationMs: 3,
      task: "notes-api-20001",
      raw: request,
    });
  });

  it("adds an error's message to the line's message", () => {
    const line = parseLogLine(
      '{"level":50,"time":1765071400000,"err":{"type":"Error","message":"connect ECONNREFUSED"},"msg":"pool failed"}',
      source,
    );
    expect(line.level).toBe("error");
    expect(line.message).toBe("pool failed: connect ECONNREFUSED");
    expect(line.timestamp.getTime()).toBe(1765071400000);
  });

  it("keeps a line that is not JSON (a stack trace, Node's own warning) as its text, without a level", () => {
    const line = parseLogLine("    at Object.<anonymous> (/app/dist/main.js:3:9)", source);
    expect(line).toMatchObject({ level: null, message: "    at Object.<anonymous> (/app/dist/main.js:3:9)" });
    expect(line.timestamp).toEqual(source.fallbackTime);
  });

  it("takes no time or level from JSON that is not pino's, and cuts a runaway line", () => {
    expect(parseLogLine('{"time":"not a date","level":"loud"}', source)).toMatchObject({
      timestamp: source.fallbackTime,
      level: null,
    });
    expect(parseLogLine("x".repeat(MAX_RAW_CHARS + 10), source).raw).toHaveLength(MAX_RAW_CHARS + 1);
  });
});

describe("matchesFilter", () => {
  const line = parseLogLine(request, source);
  const plain = parseLogLine("Error: boom", source);

  it("finds a request id by text, case-insensitively", () => {
    expect(matchesFilter(line, { text: "AF1DABCF-AB00" })).toBe(true);
    expect(matchesFilter(line, { text: "not-there" })).toBe(false);
  });

  it("shows the chosen level and above; lines without a level always pass", () => {
    expect(matchesFilter(line, { level: "info" })).toBe(true);
    expect(matchesFilter(line, { level: "warn" })).toBe(false);
    expect(matchesFilter(plain, { level: "error" })).toBe(true);
  });

  it("keeps one task's lines", () => {
    expect(matchesFilter(line, { task: "notes-api-20001" })).toBe(true);
    expect(matchesFilter(line, { task: "notes-api-20002" })).toBe(false);
  });
});
