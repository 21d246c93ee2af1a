// The rendered nginx.conf under a real nginx, in front of a local HTTP server standing in for notes-api.
import { writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  makePrefix,
  nginxTest,
  type RunningNginx,
  selfSignedCertificate,
  startNginx,
} from "../testing/nginx.test-helpers.js";
import { type NginxConfOptions, PRIVATE_NGINX_PROCESS, renderNginxConf } from "./conf.js";
import { nginxConfForEc2 } from "./user-data.js";

const PLAIN_PORT = 5231;
const TLS_HTTP_PORT = 5232;
const TLS_PORT = 5233;
const DOWN_HTTP_PORT = 5234;

let upstream: Server;
let upstreamPort = 0;

beforeAll(async () => {
  // Echoes what it received; /events streams one event now and the next two seconds later.
  upstream = createServer((req, res) => {
    if (req.url === "/claims-to-be-nginx") {
      res.writeHead(200, { "x-stackyard-proxy": "app pretending" });
      res.end("ok");
      return;
    }
    if (req.url === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      setTimeout(() => res.end("data: second\n\n"), 2000);
      return;
    }
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ url: req.url, headers: req.headers, bodyLength: body.length }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamPort = (upstream.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
});

function options(prefix: string, overrides: Partial<NginxConfOptions> = {}): NginxConfOptions {
  return {
    upstream: { servers: [`127.0.0.1:${upstreamPort}`] },
    httpPort: PLAIN_PORT,
    listenAddress: "127.0.0.1",
    serverName: null,
    tls: null,
    acmeWebroot: join(prefix, "acme"),
    clientMaxBodySize: "64k",
    process: PRIVATE_NGINX_PROCESS,
    ...overrides,
  };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  firstChunkMs: number;
}

function fetchVia(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const started = Date.now();
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: init.method ?? "GET", headers: init.headers, rejectUnauthorized: false },
      (res) => {
        let body = "";
        let firstChunkMs = -1;
        res.on("data", (chunk) => {
          if (firstChunkMs < 0) firstChunkMs = Date.now() - started;
          body += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, firstChunkMs }),
        );
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("plain HTTP in front of the app", () => {
  let nginx: RunningNginx;
  const base = `http://127.0.0.1:${PLAIN_PORT}`;
  beforeAll(async () => {
    const prefix = makePrefix();
    nginx = await startNginx(prefix, renderNginxConf(options(prefix)), PLAIN_PORT);
  });
  afterAll(() => nginx.stop());

  test("passes the client's address and scheme, and overwrites a spoofed X-Forwarded-For", async () => {
    const reply = await fetchVia(`${base}/notes?x=1`, {
      headers: { Host: "notes.test", "X-Forwarded-For": "6.6.6.6" },
    });
    const seen = JSON.parse(reply.body);
    expect(seen.url).toBe("/notes?x=1");
    expect(seen.headers).toMatchObject({
      host: "notes.test",
      "x-forwarded-for": "127.0.0.1",
      "x-real-ip": "127.0.0.1",
      "x-forwarded-proto": "http",
      "x-forwarded-host": "notes.test",
    });
  });

  // The app compares Origin (scheme, host and port) with the Host it receives: nginx must pass the port.
  // https://nginx.org/en/docs/http/ngx_http_core_module.html#var_host
  test("forwards Host with its port, as the browser sent it", async () => {
    const reply = await fetchVia(`${base}/notes`, { headers: { Host: `127.0.0.1:${PLAIN_PORT}` } });
    expect(JSON.parse(reply.body).headers).toMatchObject({
      host: `127.0.0.1:${PLAIN_PORT}`,
      "x-forwarded-host": `127.0.0.1:${PLAIN_PORT}`,
    });
  });

  // The internal ALB overwrites X-Forwarded-Proto; X-Stackyard-Proto is nginx's own statement of the
  // scheme, so a client's copy must never get through:
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html#x-forwarded-proto
  test("states the scheme in X-Stackyard-Proto and overwrites a client's copy", async () => {
    const reply = await fetchVia(`${base}/notes`, { headers: { "X-Stackyard-Proto": "https" } });
    expect(JSON.parse(reply.body).headers["x-stackyard-proto"]).toBe("http");
  });

  test("marks a proxied response as nginx's, and only nginx may set that mark", async () => {
    const proxied = await fetchVia(`${base}/notes`);
    expect(proxied.status).toBe(200);
    expect(proxied.headers["x-stackyard-proxy"]).toBe("nginx");
    const spoofed = await fetchVia(`${base}/claims-to-be-nginx`);
    expect(spoofed.headers["x-stackyard-proxy"]).toBe("nginx");
  });

  test("streams server-sent events as they are written, not when the response ends", async () => {
    const reply = await fetchVia(`${base}/events`);
    expect(reply.body).toBe("data: first\n\ndata: second\n\n");
    expect(reply.firstChunkMs).toBeLessThan(1000);
  });

  test("refuses a body over the limit with 413 before it reaches the app", async () => {
    const refused = await fetchVia(`${base}/notes`, { method: "POST", body: "x".repeat(100 * 1024) });
    expect(refused.status).toBe(413);
    expect(refused.headers["x-stackyard-proxy"]).toBe("nginx");
  });

  test("passes a body under the limit, also one too big for memory that goes through a temp file", async () => {
    for (const size of [500, 40 * 1024]) {
      const reply = await fetchVia(`${base}/notes`, { method: "POST", body: "x".repeat(size) });
      expect(JSON.parse(reply.body).bodyLength).toBe(size);
    }
  });

  test("serves ACME challenges from the webroot, not from the app", async () => {
    writeFileSync(join(nginx.prefix, "acme/.well-known/acme-challenge/token-123"), "token-123.key-auth");
    const reply = await fetchVia(`${base}/.well-known/acme-challenge/token-123`);
    expect(reply).toMatchObject({ status: 200, body: "token-123.key-auth" });
    expect(reply.headers["x-stackyard-proxy"]).toBe("nginx");
    expect((await fetchVia(`${base}/.well-known/acme-challenge/missing`)).status).toBe(404);
  });
});

describe("with TLS on", () => {
  let nginx: RunningNginx;
  beforeAll(async () => {
    const prefix = makePrefix();
    const tls = { ...selfSignedCertificate(prefix), port: TLS_PORT };
    nginx = await startNginx(
      prefix,
      renderNginxConf(options(prefix, { httpPort: TLS_HTTP_PORT, tls, serverName: "notes.test" })),
      TLS_PORT,
    );
  });
  afterAll(() => nginx.stop());

  test("redirects plain HTTP to HTTPS, keeping the path", async () => {
    const reply = await fetchVia(`http://127.0.0.1:${TLS_HTTP_PORT}/notes/7?edit=1`, {
      headers: { Host: "notes.test" },
    });
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe(`https://notes.test:${TLS_PORT}/notes/7?edit=1`);
    expect(reply.headers["x-stackyard-proxy"]).toBe("nginx");
  });

  test("still answers ACME challenges over plain HTTP (renewals need it)", async () => {
    writeFileSync(join(nginx.prefix, "acme/.well-known/acme-challenge/renew"), "renew.key-auth");
    expect((await fetchVia(`http://127.0.0.1:${TLS_HTTP_PORT}/.well-known/acme-challenge/renew`)).body).toBe(
      "renew.key-auth",
    );
  });

  test("proxies HTTPS to the app with X-Forwarded-Proto https and HSTS", async () => {
    const reply = await fetchVia(`https://127.0.0.1:${TLS_PORT}/notes`, { headers: { Host: "notes.test" } });
    expect(JSON.parse(reply.body).headers["x-forwarded-proto"]).toBe("https");
    expect(JSON.parse(reply.body).headers["x-stackyard-proto"]).toBe("https");
    expect(reply.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(reply.headers["x-stackyard-proxy"]).toBe("nginx");
  });
});

describe("with the app down", () => {
  let nginx: RunningNginx;
  beforeAll(async () => {
    const prefix = makePrefix();
    // Port 1 on loopback: nothing listens there, so every connect is refused at once.
    const down = options(prefix, { httpPort: DOWN_HTTP_PORT, upstream: { servers: ["127.0.0.1:1"] } });
    nginx = await startNginx(prefix, renderNginxConf(down), DOWN_HTTP_PORT);
  });
  afterAll(() => nginx.stop());

  test("nginx's own 502 carries the mark, so the probe knows the failing hop is behind nginx", async () => {
    const reply = await fetchVia(`http://127.0.0.1:${DOWN_HTTP_PORT}/readyz`);
    expect(reply.status).toBe(502);
    expect(reply.headers["x-stackyard-proxy"]).toBe("nginx");
  });
});

describe("the EC2 configurations", () => {
  test("nginx -t accepts the plain and the TLS config the instance will run", () => {
    const prefix = makePrefix();
    const ec2 = {
      albDnsName: "internal-notes-123.us-east-1.elb.amazonaws.com",
      domain: "notes.example.com",
      certbotEmail: "ops@example.com",
    };
    // The system paths (/run, /var/log/nginx) exist wherever Debian's nginx is installed.
    expect(() => nginxTest(prefix, renderNginxConf(nginxConfForEc2(ec2, false)))).not.toThrow();
    const withTls = nginxConfForEc2(ec2, true);
    const certificate = { ...selfSignedCertificate(prefix), port: 443 };
    expect(() => nginxTest(prefix, renderNginxConf({ ...withTls, tls: certificate }))).not.toThrow();
  });

  test("nginx -t refuses a broken config (the test is not a rubber stamp)", () => {
    const prefix = makePrefix();
    expect(() => nginxTest(prefix, `${renderNginxConf(options(prefix))}\nbogus_directive on;\n`)).toThrow(
      /unknown directive/,
    );
  });
});
