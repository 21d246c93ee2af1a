// notes-api behind the real nginx.conf that @stackyard/templates renders for EC2, with an ALB stand-in in
// between that does to forwarding headers what the internal ALB does: it sets X-Forwarded-Proto to its own
// listener's scheme (http) and passes every other header on.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html#x-forwarded-proto
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PRIVATE_NGINX_PROCESS, renderNginxConf } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./testing/app.test-helpers.js";
import { freePort } from "./testing/process.test-helpers.js";

const NGINX_BINARY = process.env.STACKYARD_NGINX_BINARY || "/usr/sbin/nginx";

let t: TestApp;
let alb: Server;
let albPort = 0;
let prefix = "";
let nginx: ChildProcess | undefined;
let tlsPort = 0;
let plainPort = 0;

/** The internal ALB's header handling (HTTP listener): X-Forwarded-Proto becomes "http". */
function startAlbStandIn(appPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const headers = { ...req.headers, "x-forwarded-proto": "http", "x-forwarded-port": "80" };
    const upstream = httpRequest(
      { host: "127.0.0.1", port: appPort, method: req.method, path: req.url, headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (nginx?.exitCode !== null) throw new Error("nginx exited");
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}`);
}

beforeAll(async () => {
  t = await startTestApp("nginx", { TRUST_PROXY: "127.0.0.1", PROXY_PROTO_HEADER: "x-stackyard-proto" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  alb = await startAlbStandIn((t.app.server.address() as AddressInfo).port);
  albPort = (alb.address() as AddressInfo).port;

  prefix = mkdtempSync(join(tmpdir(), "notes-api-nginx-"));
  for (const dir of ["logs", "temp", "acme"]) mkdirSync(join(prefix, dir), { recursive: true });
  const certificatePath = join(prefix, "cert.pem");
  const keyPath = join(prefix, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=notes.test"].concat([
      "-keyout",
      keyPath,
      "-out",
      certificatePath,
    ]),
    { stdio: "ignore" },
  );
  tlsPort = await freePort();
  plainPort = await freePort();
  const conf = renderNginxConf({
    upstream: { servers: [`127.0.0.1:${albPort}`] },
    httpPort: plainPort,
    listenAddress: "127.0.0.1",
    serverName: null,
    tls: { certificatePath, keyPath, port: tlsPort },
    acmeWebroot: join(prefix, "acme"),
    clientMaxBodySize: "1m",
    process: PRIVATE_NGINX_PROCESS,
  });
  writeFileSync(join(prefix, "nginx.conf"), conf);
  nginx = spawn(
    NGINX_BINARY,
    ["-p", `${prefix}/`, "-e", "logs/error.log", "-c", join(prefix, "nginx.conf")],
    {
      stdio: "ignore",
    },
  );
  await waitForPort(tlsPort);
}, 60_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx?.once("exit", resolve));
    nginx.kill("SIGQUIT");
    await exited;
  }
  if (prefix) rmSync(prefix, { recursive: true, force: true });
  await new Promise((resolve) => alb?.close(resolve));
  await t?.close();
});

function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const request = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? "GET", headers: init.headers, rejectUnauthorized: false },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

const csrfCookie = (headers: IncomingHttpHeaders) =>
  (headers["set-cookie"] ?? []).find((cookie) => cookie.startsWith("notes_csrf="));

describe("behind nginx and the internal ALB", () => {
  it("marks the CSRF cookie Secure over HTTPS, though the ALB said http", async () => {
    const page = await send(`https://127.0.0.1:${tlsPort}/`, { headers: { Host: "notes.test" } });
    expect(page.status).toBe(200);
    expect(csrfCookie(page.headers)).toMatch(/;\s*Secure/i);
  });

  it("a client cannot talk the app into a non-Secure cookie over HTTPS", async () => {
    const page = await send(`https://127.0.0.1:${tlsPort}/`, {
      headers: { Host: "notes.test", "X-Stackyard-Proto": "http", "X-Forwarded-Proto": "http" },
    });
    expect(csrfCookie(page.headers)).toMatch(/;\s*Secure/i);
  });

  it("accepts a same-origin API write on a non-default port, and refuses another port", async () => {
    const origin = `https://notes.test:${tlsPort}`;
    const post = (from: string) =>
      send(`https://127.0.0.1:${tlsPort}/api/notes`, {
        method: "POST",
        headers: { Host: `notes.test:${tlsPort}`, Origin: from, "Content-Type": "application/json" },
        body: JSON.stringify({ title: "through nginx", description: "and the ALB" }),
      });
    expect((await post(origin)).status).toBe(201);
    expect((await post("https://notes.test")).status).toBe(403);
    expect((await post(`http://notes.test:${tlsPort}`)).status).toBe(403);
  });
});
