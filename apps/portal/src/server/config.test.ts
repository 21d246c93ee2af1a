import { describe, expect, it } from "vitest";
import { configWarnings, PortalConfigError, readPortalConfig, readRuntimeConfig } from "./config";

const DB = "mysql://portal:s3cret@db.internal:3306/stackyard";

function problemsOf(env: Record<string, string>): string[] {
  try {
    readPortalConfig(env);
  } catch (error) {
    if (error instanceof PortalConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("readPortalConfig", () => {
  it("defaults to the loopback on port 3000 and migrates at start", () => {
    expect(readPortalConfig({ DATABASE_URL: DB })).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: DB,
      publicOrigin: null,
      trustProxy: { kind: "none" },
      migrateAtStart: true,
      logLevel: "info",
      expiryIntervalMs: 60_000,
    });
  });

  it("reads a team setup behind a TLS proxy", () => {
    const config = readPortalConfig({
      DATABASE_URL: DB,
      HOST: "0.0.0.0",
      PORT: "8080",
      STACKYARD_PUBLIC_URL: "https://portal.example.com/",
      TRUST_PROXY: "10.0.0.0/16",
      STACKYARD_MIGRATE_AT_START: "false",
    });
    expect(config).toMatchObject({ host: "0.0.0.0", port: 8080, migrateAtStart: false });
    expect(config.publicOrigin).toBe("https://portal.example.com");
    expect(config.trustProxy.kind).toBe("list");
    expect(configWarnings(config)).toEqual([]);
  });

  it("names the variable in one line per problem, all at once", () => {
    const problems = problemsOf({ PORT: "80a", STACKYARD_PUBLIC_URL: "ftp://portal.example.com" });
    expect(problems).toEqual([
      'PORT must be a TCP port from 1 to 65535, not "80a"',
      "DATABASE_URL is not set: give the portal's database as mysql://user:password@host:3306/name",
      'STACKYARD_PUBLIC_URL must be an http(s) URL, not ftp:// ("ftp://portal.example.com")',
    ]);
    for (const problem of problems) expect(problem).not.toContain("\n");
  });

  it.each([
    [{ PORT: "0" }, /^PORT must be a TCP port from 1 to 65535, not "0"$/],
    [{ PORT: "65536" }, /^PORT must be/],
    [{ HOST: "my host" }, /^HOST must be an IP address or a host name/],
    [{ STACKYARD_PUBLIC_URL: "portal.example.com" }, /^STACKYARD_PUBLIC_URL must be an http\(s\) URL/],
    [{ STACKYARD_PUBLIC_URL: "https://example.com/portal" }, /^STACKYARD_PUBLIC_URL must be an origin only/],
    [{ TRUST_PROXY: "nginx" }, /^TRUST_PROXY: "nginx" is neither a hop count nor an address or CIDR$/],
    [{ STACKYARD_MIGRATE_AT_START: "sometimes" }, /^STACKYARD_MIGRATE_AT_START must be true or false/],
    [{ HOST: "0.0.0.0" }, /^STACKYARD_PUBLIC_URL is required when HOST is 0.0.0.0/],
    [
      { LOG_LEVEL: "verbose" },
      /^LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "verbose"$/,
    ],
    [
      { STACKYARD_EXPIRY_INTERVAL_MS: "500" },
      /^STACKYARD_EXPIRY_INTERVAL_MS must be a whole number of milliseconds from 1000 to 3600000, not "500"$/,
    ],
  ])("refuses %o", (env, message) => {
    expect(problemsOf({ DATABASE_URL: DB, ...env })).toEqual([expect.stringMatching(message)]);
  });

  it("checks DATABASE_URL without ever echoing it (it holds a password)", () => {
    for (const url of [
      "postgres://portal:s3cret@db/x",
      "mysql://portal:s3cret@db.internal:3306/",
      "s3cret",
    ]) {
      const [problem] = problemsOf({ DATABASE_URL: url });
      expect(problem).toMatch(/^DATABASE_URL /);
      expect(problem).not.toContain("s3cret");
    }
  });

  it("warns when an https public URL has no trusted proxy", () => {
    const config = readPortalConfig({ DATABASE_URL: DB, STACKYARD_PUBLIC_URL: "https://portal.example.com" });
    expect(configWarnings(config)).toEqual([
      expect.stringMatching(/^STACKYARD_PUBLIC_URL is https but TRUST_PROXY is unset/),
    ]);
  });

  it("reads the runtime settings without the database, naming each bad one", () => {
    expect(readRuntimeConfig({})).toEqual({
      port: 3000,
      publicOrigin: null,
      trustProxy: { kind: "none" },
      logLevel: "info",
      awsRegion: "us-east-1",
      cloudFormationEndpoint: undefined,
    });
    expect(readRuntimeConfig({ AWS_REGION: "eu-west-1", PORT: "8080" })).toMatchObject({
      awsRegion: "eu-west-1",
      port: 8080,
    });
    let refused: unknown;
    try {
      readRuntimeConfig({ LOG_LEVEL: "loud", AWS_ENDPOINT_URL_CLOUDFORMATION: "localstack:4566" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PortalConfigError);
    expect((refused as PortalConfigError).problems).toEqual([
      expect.stringMatching(/^LOG_LEVEL must be one of .*, not "loud"$/),
      'AWS_ENDPOINT_URL_CLOUDFORMATION must be an http(s) URL, not "localstack:4566"',
    ]);
  });
});
