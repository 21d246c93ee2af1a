import { describe, expect, it } from "vitest";
import { DatabaseUrlError, parseDatabaseUrl } from "./database-url.js";

describe("parseDatabaseUrl", () => {
  it("reads every part, decoding escaped credentials", () => {
    expect(parseDatabaseUrl("mysql://app:p%40ss%2Fw@db.internal:3307/stackyard")).toEqual({
      host: "db.internal",
      port: 3307,
      user: "app",
      password: "p@ss/w",
      database: "stackyard",
    });
  });

  it("defaults the port to 3306", () => {
    expect(parseDatabaseUrl("mysql://a:b@h/db").port).toBe(3306);
  });

  it.each([
    [undefined, /DATABASE_URL is not set/],
    ["not a url", /not a valid URL/],
    ["postgres://a:b@h/db", /must start with mysql:\/\//],
    ["mysql://a:b@h:3306/", /names no database/],
  ])("rejects %s with a message naming the variable", (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });

  it("never echoes the password in its errors", () => {
    expect(() => parseDatabaseUrl("postgres://a:hunter2@h/db")).not.toThrow(/hunter2/);
  });
});
