// The secret sources: what they accept, that they never echo a secret, and that a burst of refused
// logins costs one read of the secret, not one per request.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html (the secret's JSON)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import {
  cachedSource,
  credentialSourceFor,
  fileReader,
  parseSecret,
  secretsManagerReader,
} from "./credentials.js";

const ARN =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0b1c2d3e-aaaa-bbbb-cccc-0123456789ab-AbCdEf";
const dir = mkdtempSync(join(tmpdir(), "notes-creds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseSecret", () => {
  it("takes RDS's username and password and ignores the rest", () => {
    expect(parseSecret('{"username":"admin","password":"p:w","engine":"mysql"}', "X")).toEqual({
      user: "admin",
      password: "p:w",
    });
  });

  it.each(["not json s3cr3t", '{"username":"admin","password":12345}', '{"password":"s3cr3t"}'])(
    "refuses %s without repeating it",
    (raw) => {
      expect(() => parseSecret(raw, "DB_SECRET_FILE")).toThrow(/^DB_SECRET_FILE: /);
      try {
        parseSecret(raw, "DB_SECRET_FILE");
      } catch (error) {
        expect(String(error)).not.toMatch(/s3cr3t|12345/);
      }
    },
  );
});

describe("cachedSource", () => {
  it("reads once for current(), and once per refresh however many callers ask at the same time", async () => {
    let reads = 0;
    const source = cachedSource(async () => ({ user: "u", password: `pw${++reads}` }));
    expect(await source.current()).toEqual({ user: "u", password: "pw1" });
    expect(await source.current()).toEqual({ user: "u", password: "pw1" });
    const burst = await Promise.all(Array.from({ length: 20 }, () => source.refresh()));
    expect(new Set(burst.map((c) => c.password))).toEqual(new Set(["pw2"]));
    expect(reads).toBe(2);
    expect(await source.current()).toEqual({ user: "u", password: "pw2" });
  });

  it("keeps the last good credentials when a re-read fails", async () => {
    let fail = false;
    const source = cachedSource(async () => {
      if (fail) throw new Error("unreadable");
      return { user: "u", password: "good" };
    });
    await source.current();
    fail = true;
    await expect(source.refresh()).rejects.toThrow("unreadable");
    expect(await source.current()).toEqual({ user: "u", password: "good" });
  });
});

describe("DB_SECRET_FILE", () => {
  it("reads the file each time it is asked to", async () => {
    const file = join(dir, "secret.json");
    writeFileSync(file, '{"username":"sb","password":"one"}');
    const read = fileReader(file);
    expect(await read()).toEqual({ user: "sb", password: "one" });
    writeFileSync(file, '{"username":"sb","password":"two"}');
    expect(await read()).toEqual({ user: "sb", password: "two" });
  });

  it("is the source when the config names it", async () => {
    const file = join(dir, "config-secret.json");
    writeFileSync(file, '{"username":"sb","password":"from-file"}');
    const source = credentialSourceFor(loadConfig({ DB_HOST: "h", DB_SECRET_FILE: file }).db);
    expect(await source.current()).toEqual({ user: "sb", password: "from-file" });
  });
});

describe("DB_SECRET_ARN", () => {
  it("calls GetSecretValue on that secret, in the ARN's region, on every refresh", async () => {
    const client = new SecretsManagerClient({ region: "eu-west-1" });
    const sm = mockClient(client);
    sm.on(GetSecretValueCommand, { SecretId: ARN })
      .resolvesOnce({ SecretString: '{"username":"admin","password":"before"}' })
      .resolves({ SecretString: '{"username":"admin","password":"after"}' });
    const source = cachedSource(secretsManagerReader(ARN, client));
    expect(await source.current()).toEqual({ user: "admin", password: "before" });
    expect(await source.refresh()).toEqual({ user: "admin", password: "after" });
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: ARN },
      { SecretId: ARN },
    ]);
  });

  it("builds its client for the ARN's region", async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolves({ SecretString: '{"username":"admin","password":"x"}' });
    const source = credentialSourceFor(loadConfig({ DB_HOST: "h", DB_SECRET_ARN: ARN }).db);
    await source.current();
    const [call] = sm.commandCalls(GetSecretValueCommand);
    expect(call?.args[0].input).toEqual({ SecretId: ARN });
    expect(await sm.call(0).thisValue.config.region()).toBe("eu-west-1");
    sm.restore();
  });

  it("refuses a secret with no SecretString (a binary secret)", async () => {
    const client = new SecretsManagerClient({ region: "eu-west-1" });
    mockClient(client).on(GetSecretValueCommand).resolves({});
    await expect(secretsManagerReader(ARN, client)()).rejects.toThrow(/no SecretString/);
  });
});
