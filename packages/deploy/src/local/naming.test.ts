import { describe, expect, it } from "vitest";
import type { StackEventRecord } from "../driver.js";
import { eventsAfter } from "./events.js";
import { localNginxConf } from "./nginx.js";
import { localOutputs } from "./outputs.js";
import { sqlNames, stackPaths } from "./paths.js";

describe("sqlNames", () => {
  it("gives SQL-safe database and user names within MySQL's limits", () => {
    const { database, user } = sqlNames(`Notes-Prod-${"x".repeat(100)}`);
    expect(database).toMatch(/^[a-z0-9_]{1,64}$/);
    expect(user).toMatch(/^[a-z0-9_]{1,32}$/);
  });

  it("never gives two stack names the same database or user", () => {
    const names = ["notes-prod", "Notes-Prod", "notes-pr0d", `a${"b".repeat(60)}1`, `a${"b".repeat(60)}2`];
    expect(new Set(names.map((n) => sqlNames(n).database)).size).toBe(names.length);
    expect(new Set(names.map((n) => sqlNames(n).user)).size).toBe(names.length);
  });
});

describe("stackPaths", () => {
  it("keeps each stack in its own folder and refuses names that could leave it", () => {
    expect(stackPaths("/data/sandbox", "notes-dev").root).toBe("/data/sandbox/notes-dev");
    expect(() => stackPaths("/data/sandbox", "../etc")).toThrow(/not a stack name/);
  });
});

describe("eventsAfter", () => {
  const event = (eventId: string) => ({ eventId }) as StackEventRecord;
  const events = [event("a"), event("b"), event("c")];

  it("returns what came after the cursor, oldest first", () => {
    expect(eventsAfter(events, "a").map((e) => e.eventId)).toEqual(["b", "c"]);
    expect(eventsAfter(events, "c")).toEqual([]);
  });

  it("returns everything without a cursor, or with one from an earlier stack of the same name", () => {
    expect(eventsAfter(events)).toHaveLength(3);
    expect(eventsAfter(events, "from-a-deleted-stack")).toHaveLength(3);
  });
});

describe("localNginxConf", () => {
  it("listens on loopback only, over the given notes-api ports, with everything under the prefix", () => {
    const conf = localNginxConf(20100, [20101, 20102]);
    expect(conf).toContain("listen 127.0.0.1:20100 default_server;");
    expect(conf).toContain("server 127.0.0.1:20101");
    expect(conf).toContain("server 127.0.0.1:20102");
    expect(conf).toContain("daemon off;");
    expect(conf).not.toMatch(/\s\/(etc|var)\//);
  });
});

describe("localOutputs", () => {
  const plan = {
    database: { name: "sandbox_x", user: "sb_x", host: "127.0.0.1", port: 3317 },
    taskPorts: [20101, 20102],
    nginxPort: 20100,
  };
  const template = JSON.stringify({
    Outputs: { AppUrl: {}, DbEndpoint: {}, VpcId: {}, DbSecretArn: {} },
  });

  it("answers the template's outputs with local values, and the rest as simulated", () => {
    const outputs = localOutputs(template, "notes-dev", plan, stackPaths("/data/sandbox", "notes-dev"));
    expect(outputs).toMatchObject({
      AppUrl: "http://127.0.0.1:20100",
      DbEndpoint: "127.0.0.1:3317",
      VpcId: "simulated locally",
      DbSecretArn: "file:///data/sandbox/notes-dev/db-secret.json",
      DbName: "sandbox_x",
    });
  });
});
