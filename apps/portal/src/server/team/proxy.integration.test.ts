// The TLS proxy of docs/running-for-a-team.md (section 4), taken from the document itself and run by a
// real nginx in front of two `npm run serve` replicas: only its addresses, ports and certificate paths
// are replaced. Needs the production build, like two-replicas.integration.test.ts.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { removeDataDir, tempDataDir, uniqueStackName } from "@stackyard/deploy/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password";
import { Browser, watchEvents } from "./browser.test-helpers";
import { freePort, type Replica, startReplica, waitFor } from "./replicas.test-helpers";

const doc = fileURLToPath(new URL("../../../../../docs/running-for-a-team.md", import.meta.url));
const nginxBinary = process.env.STACKYARD_NGINX_BINARY || "/usr/sbin/nginx";
// The proxy's certificate is self-signed for the test; this process alone accepts it.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

let db: ScratchDatabase;
let dataDir: string;
let prisma: PrismaClient;
let replicas: Replica[] = [];
let nginx: ChildProcess | undefined;
let proxyUrl: string;
let plainPort: number;
const prefix = mkdtempSync(join(tmpdir(), "stackyard-proxy-"));

/** The document's nginx example, pointed at this machine's replicas, ports and certificate. */
function documentedConfig(ports: { http: number; https: number; replicas: number[] }): string {
  const example = /```nginx\n([\s\S]*?)```/.exec(readFileSync(doc, "utf8"))?.[1];
  if (!example) throw new Error(`no nginx example in ${doc}`);
  const servers = example.match(/server \d+\.\d+\.\d+\.\d+:3000/g) ?? [];
  expect(servers).toHaveLength(2);
  let config = example
    // Directives only (a line's first word), never the comments that quote them.
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${ports.http};`)
    .replace(/^(\s*)listen 443 /m, `$1listen 127.0.0.1:${ports.https} `)
    .replaceAll("/etc/letsencrypt/live/portal.example.com", join(prefix, "certs"));
  servers.forEach((server, i) => {
    config = config.replace(server, `server 127.0.0.1:${ports.replicas[i]}`);
  });
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `${kind}_temp_path ${join(prefix, kind)};`)
    .join("\n");
  return `daemon off;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\naccess_log ${prefix}/access.log;\n${temp}\n${config}\n}\n`;
}

async function startProxy(config: string): Promise<void> {
  mkdirSync(join(prefix, "certs"));
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=portal.example.com"],
      ...["-keyout", join(prefix, "certs/privkey.pem"), "-out", join(prefix, "certs/fullchain.pem")],
    ],
    { stdio: "ignore" },
  );
  writeFileSync(join(prefix, "nginx.conf"), config);
  execFileSync(nginxBinary, ["-t", "-q", "-p", prefix, "-c", join(prefix, "nginx.conf")]);
  nginx = spawn(nginxBinary, ["-p", prefix, "-c", join(prefix, "nginx.conf")], { stdio: "ignore" });
  let lastProblem = "";
  const answered = await waitFor(
    "the proxy to answer",
    async () => {
      const status = await fetch(`${proxyUrl}/api/readyz`).then(
        (r) => r.status,
        (error: Error) => `${error.message} ${String(error.cause ?? "")}`,
      );
      lastProblem = String(status);
      return status === 200 || nginx?.exitCode !== null ? true : undefined;
    },
    30_000,
  ).catch(() => false);
  if (!answered || nginx?.exitCode !== null) {
    const log = readFileSync(join(prefix, "error.log"), "utf8");
    throw new Error(`the proxy did not answer (${lastProblem}); nginx exit ${nginx?.exitCode}:\n${log}`);
  }
}

beforeAll(async () => {
  db = await createScratchDatabase("proxy_it");
  dataDir = tempDataDir();
  const [http, https, a, b] = [await freePort(), await freePort(), await freePort(), await freePort()];
  expect(new Set([http, https, a, b]).size).toBe(4);
  plainPort = http;
  proxyUrl = `https://127.0.0.1:${https}`;
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    STACKYARD_DATA_DIR: dataDir,
    STACKYARD_PUBLIC_URL: proxyUrl,
    // nginx runs on this machine: its address is the loopback.
    TRUST_PROXY: "127.0.0.1",
  };
  replicas = await Promise.all([startReplica("a", a, env), startReplica("b", b, env)]);
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
  await startProxy(documentedConfig({ http, https, replicas: [a, b] }));
}, 200_000);

afterAll(async () => {
  nginx?.kill("SIGQUIT");
  await Promise.all(replicas.map((replica) => replica.stop()));
  if (dataDir) removeDataDir(dataDir);
  await prisma?.$disconnect();
  await db?.drop();
  rmSync(prefix, { recursive: true, force: true });
}, 60_000);

describe("two replicas behind the documented TLS proxy", () => {
  it("signs in over HTTPS with a Secure __Host- cookie and the client's forwarded address", async () => {
    const email = `proxy-${randomUUID()}@example.test`;
    const password = `proxied-${randomUUID()}`;
    await prisma.user.create({
      data: { email, name: "Proxy admin", role: "admin", passwordHash: await hashPassword(password) },
    });
    // nginx appends its peer (this test, 127.0.0.1, which TRUST_PROXY also names) to the address the
    // "client" sends: the portal takes the right-most untrusted entry.
    const browser = new Browser(proxyUrl, { "x-forwarded-for": "203.0.113.7" });
    await browser.mutate(proxyUrl, "auth.signIn", { email, password });
    expect(browser.setCookie).toMatch(
      /^__Host-stackyard_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; .*; Secure$/,
    );
    const me = await browser.query<{ user: { email: string } | null }>(proxyUrl, "auth.me");
    expect(me.user?.email).toBe(email);
    const session = await prisma.session.findFirstOrThrow({ where: { user: { email } } });
    expect(session.address).toBe("203.0.113.7");
    // Plain HTTP is redirected to HTTPS.
    const plain = await fetch(`http://127.0.0.1:${plainPort}/environments`, { redirect: "manual" });
    expect(plain.status).toBe(301);
    expect(plain.headers.get("location")).toBe("https://127.0.0.1/environments");
  });

  it("streams a launch's events live through the proxy", async () => {
    const email = `proxy-${randomUUID()}@example.test`;
    const password = `proxied-${randomUUID()}`;
    await prisma.user.create({
      data: { email, name: "Proxy deployer", role: "admin", passwordHash: await hashPassword(password) },
    });
    const browser = new Browser(proxyUrl);
    await browser.mutate(proxyUrl, "auth.signIn", { email, password });
    const name = uniqueStackName("proxy");
    const { environmentId } = await browser.mutate<{ environmentId: string }>(
      proxyUrl,
      "environments.launch",
      {
        target: "local",
        spec: { name, database: { deletionProtection: false } },
        clientRequestToken: randomUUID(),
      },
    );
    const stream = watchEvents(browser, proxyUrl, environmentId);
    await waitFor("CREATE_COMPLETE through the proxy", async () =>
      stream.has(name, "CREATE_COMPLETE") ? true : undefined,
    );
    await browser.mutate(proxyUrl, "environments.delete", { id: environmentId });
    await waitFor("DELETE_COMPLETE through the proxy", async () =>
      stream.has(name, "DELETE_COMPLETE") ? true : undefined,
    );
    stream.close();
    expect(stream.errors).toEqual([]);
  }, 200_000);
});
