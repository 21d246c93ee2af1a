import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { availableCpus } from "./cpus.js";

const base = { DATABASE_URL: "mysql://notes:s3cret@db.internal:3307/notes" };

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("uses the seed's port and one worker by default", () => {
    const config = loadConfig(base);
    expect(config.port).toBe(5000);
    expect(config.webConcurrency).toBe(1);
    expect(config.db).toMatchObject({ host: "db.internal", port: 3307, database: "notes", user: "notes" });
    expect(config.db.password).toBe("s3cret");
  });

  it("sizes WEB_CONCURRENCY=auto to the CPUs the cgroup quota allows", () => {
    expect(loadConfig({ ...base, WEB_CONCURRENCY: "auto" }).webConcurrency).toBe(availableCpus());
    expect(loadConfig({ ...base, WEB_CONCURRENCY: "3" }).webConcurrency).toBe(3);
  });

  it("takes host, name and the ECS-injected JSON secret instead of a URL", () => {
    const config = loadConfig({
      DB_HOST: "notes.cluster-x.us-east-1.rds.amazonaws.com",
      DB_NAME: "notes",
      DB_SECRET: JSON.stringify({ username: "admin", password: "p@ss:w/rd" }),
    });
    expect(config.db).toMatchObject({
      host: "notes.cluster-x.us-east-1.rds.amazonaws.com",
      port: 3306,
      user: "admin",
    });
    expect(config.db.password).toBe("p@ss:w/rd");
  });

  it("takes plain DB_USER and DB_PASSWORD too", () => {
    const config = loadConfig({ DB_HOST: "h", DB_USER: "u", DB_PASSWORD: "p", DB_PORT: "3310" });
    expect(config.db).toMatchObject({ host: "h", port: 3310, user: "u", password: "p", database: "notes" });
  });

  it("takes a secret to read at start and again after a rotation: DB_SECRET_FILE or DB_SECRET_ARN", () => {
    const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234-AbCdEf";
    expect(loadConfig({ DB_HOST: "h", DB_SECRET_FILE: "/run/secret.json" }).db).toMatchObject({
      host: "h",
      secret: { kind: "file", path: "/run/secret.json" },
    });
    expect(loadConfig({ DB_HOST: "h", DB_SECRET_ARN: arn }).db).toMatchObject({
      secret: { kind: "secretsmanager", arn },
    });
    expect(loadConfig({ DB_HOST: "h", DB_USER: "u", DB_PASSWORD: "p" }).db.secret).toBeUndefined();
  });

  it("decodes percent-encoded credentials in DATABASE_URL", () => {
    const config = loadConfig({ DATABASE_URL: "mysql://a%40b:p%2Fw@127.0.0.1/notes_x" });
    expect(config.db).toMatchObject({ user: "a@b", password: "p/w", database: "notes_x", port: 3306 });
  });

  it.each([
    [{ ...base, PORT: "eighty" }, "PORT"],
    [{ ...base, PORT: "70000" }, "PORT"],
    [{ ...base, WEB_CONCURRENCY: "0" }, "WEB_CONCURRENCY"],
    [{ ...base, WEB_CONCURRENCY: "all" }, "WEB_CONCURRENCY"],
    [{ ...base, LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ DATABASE_URL: "postgres://x@y/z" }, "DATABASE_URL"],
    [{ DATABASE_URL: "mysql://u:p@host/" }, "DATABASE_URL"],
    [{}, "DB_HOST"],
    [{ DB_HOST: "h" }, "DB_USER"],
    [{ DB_HOST: "h", DB_SECRET: "not json" }, "DB_SECRET"],
    [{ DB_HOST: "h", DB_SECRET: '{"user":"x"}' }, "DB_SECRET"],
    [{ ...base, DB_TLS: "yes" }, "DB_TLS"],
    [{ DB_HOST: "h", DB_SECRET_ARN: "my-secret" }, "DB_SECRET_ARN"],
    [{ DB_HOST: "h", DB_SECRET: '{"username":"a","password":"b"}', DB_SECRET_FILE: "/f" }, "DB_SECRET_FILE"],
    [{ ...base, PROXY_PROTO_HEADER: "Host" }, "PROXY_PROTO_HEADER"],
  ])("rejects %j naming %s", (env, variable) => {
    const error = errorFor(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
  });

  it("never repeats a secret in its error message", () => {
    const error = errorFor({ DB_HOST: "h", DB_SECRET: '{"username":"admin","password":12345678}' });
    expect(error.variable).toBe("DB_SECRET");
    expect(error.message).not.toContain("12345678");
  });

  // Behind nginx and the internal ALB, X-Forwarded-Proto is the ALB's (http): the browser's scheme comes
  // in another header. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html
  it("reads the scheme from X-Forwarded-Proto unless PROXY_PROTO_HEADER names another header", () => {
    expect(loadConfig(base).proxyProtoHeader).toBe("x-forwarded-proto");
    expect(loadConfig({ ...base, PROXY_PROTO_HEADER: "X-Stackyard-Proto" }).proxyProtoHeader).toBe(
      "x-stackyard-proto",
    );
  });

  it("reads TRUST_PROXY as a flag, a hop count or an address list", () => {
    expect(loadConfig({ ...base, TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: "10.0.0.0/16, 127.0.0.1" }).trustProxy).toEqual([
      "10.0.0.0/16",
      "127.0.0.1",
    ]);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ ...base, PORT: "", LOG_LEVEL: "" }).port).toBe(5000);
  });
});
