// The image's last stage holds dist/, public/, migrations/ and package.json, and no node_modules
// (apps/notes-api/Dockerfile). No Docker engine exists on these machines, so this lays the same files out in
// a temporary folder and runs the container's command there: the bundle must carry every package it loads,
// the AWS SDK included, which reads the database credentials from a stand-in Secrets Manager endpoint.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "./db/migrate.js";
import { createScratchDb, type ScratchDb } from "./testing/db.test-helpers.js";
import {
  APP_DIR,
  buildOnce,
  freePort,
  type ServerProcess,
  spawnServer,
  waitForReady,
} from "./testing/process.test-helpers.js";

const run = promisify(execFile);
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:notes-db-AbCdEf";

interface SecretsRequest {
  headers: IncomingHttpHeaders;
  body: { SecretId?: string };
}

/**
 * GetSecretValue over the AWS JSON 1.1 protocol: a POST whose X-Amz-Target names the operation, answered
 * with the secret's SecretString, as the secret reads when asked.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 */
function fakeSecretsManager(secret: { username: string; password: string }) {
  const requests: SecretsRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on("end", () => {
      requests.push({ headers: req.headers, body: JSON.parse(raw || "{}") });
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      res.end(
        JSON.stringify({
          ARN: SECRET_ARN,
          Name: "notes-db",
          VersionId: "v1",
          SecretString: JSON.stringify(secret),
        }),
      );
    });
  });
  return { server, requests };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

/** The Dockerfile's last stage's COPY lines, as paths in this workspace and in the image's /app. */
function imageCopies(): Array<{ from: string; to: string }> {
  const dockerfile = readFileSync(join(APP_DIR, "Dockerfile"), "utf8");
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
  const copies = [
    ...lastStage.matchAll(/^COPY (?:--from=build )?(?:\/repo\/)?apps\/notes-api\/(\S+) \.\/(\S+)$/gm),
  ];
  return copies.map(([, from, to]) => ({ from: from ?? "", to: to ?? "" }));
}

/** Node looks for packages in every node_modules from the folder up to the root. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules"))) found.push(join(d, "node_modules"));
    if (dirname(d) === d) return found;
  }
}

describe("the image's runtime layout (no node_modules)", () => {
  let scratch: ScratchDb;
  let imageDir: string;
  let server: ServerProcess | undefined;
  const secret = { username: "", password: "" };
  const secrets = fakeSecretsManager(secret);
  let secretsPort: number;

  beforeAll(async () => {
    buildOnce();
    scratch = await createScratchDb("image");
    Object.assign(secret, { username: scratch.db.user, password: scratch.db.password });
    secretsPort = await listen(secrets.server);
    imageDir = mkdtempSync(join(tmpdir(), "notes-api-image-"));
    for (const { from, to } of imageCopies())
      cpSync(join(APP_DIR, from), join(imageDir, to), { recursive: true });
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    secrets.server.close();
    rmSync(imageDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  it("holds what the Dockerfile copies, and no node_modules to fall back on", () => {
    expect(imageCopies().map((c) => c.to)).toEqual(["dist", "package.json", "public", "migrations"]);
    expect(nodeModulesAbove(imageDir)).toEqual([]);
  });

  it("migrates a new database with `npm run migrate`'s script", async () => {
    const { stdout } = await run(process.execPath, ["dist/migrate-cli.js"], {
      cwd: imageDir,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: scratch.url },
    });
    const versions = (await readMigrations()).map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}")).toMatchObject({
      msg: "migrations applied",
      applied: versions,
    });
  }, 60_000);

  it("reads its credentials from Secrets Manager and serves the UI and the API, with two workers", async () => {
    server = spawnServer(
      {
        DB_HOST: scratch.db.host,
        DB_PORT: String(scratch.db.port),
        DB_NAME: scratch.db.database,
        DB_SECRET_ARN: SECRET_ARN,
        // The SDK's per-service endpoint setting:
        // https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
        AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${secretsPort}`,
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "test-only-not-a-secret",
        AWS_EC2_METADATA_DISABLED: "true",
        HOME: imageDir,
        WEB_CONCURRENCY: "2",
      },
      await freePort(),
      imageDir,
    );
    await waitForReady(server, 60_000);

    const asked = secrets.requests.filter(
      (r) => r.headers["x-amz-target"] === "secretsmanager.GetSecretValue",
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[0]?.body.SecretId).toBe(SECRET_ARN);
    expect(String(asked[0]?.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/secretsmanager\//,
    );

    const created = await fetch(`${server.url}/api/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "From the image layout", description: "bundled" }),
    });
    expect(created.status).toBe(201);
    const page = await fetch(`${server.url}/`);
    const html = await page.text();
    expect(html).toContain("From the image layout");
    const stylesheet = html.match(/href="(\/static\/app\.[0-9a-f]+\.css)"/)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await fetch(`${server.url}${stylesheet}`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  }, 90_000);
});
