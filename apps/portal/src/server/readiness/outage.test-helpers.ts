// For the readiness integration test: real outages of one environment without touching what others
// share. A TCP proxy in front of the shared MariaDB (cut it and only that environment loses its
// database), and a real nginx serving a self-signed certificate made with openssl.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { NGINX_BINARY } from "@stackyard/deploy/local";
import { forgetProcess, processStartTime, registerProcess } from "@stackyard/deploy/testing";

export class DatabaseProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens (again) on the same port once it has one, so the environment's recorded endpoint stays valid. */
  async start(): Promise<void> {
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  private relay(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }

  /** Refuses new connections and resets the open ones, as a database host that went down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A key and a self-signed certificate for `name`, valid for `days` days (openssl req -x509). */
export function selfSignedCertificate(dir: string, name: string, days: number) {
  const keyPath = join(dir, "self-signed.key");
  const certificatePath = join(dir, "self-signed.crt");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      String(days),
      "-subj",
      `/CN=${name}`,
      "-addext",
      `subjectAltName=DNS:${name}`,
      "-keyout",
      keyPath,
      "-out",
      certificatePath,
    ],
    { stdio: "ignore" },
  );
  return { keyPath, certificatePath };
}

/** Runs nginx with `conf` (rendered with `daemon off`) under `prefix` until stop() is called. */
export async function runNginx(prefix: string, conf: string, port: number) {
  for (const dir of ["logs", "temp", "acme"]) mkdirSync(join(prefix, dir), { recursive: true });
  const file = join(prefix, "nginx.conf");
  writeFileSync(file, conf);
  const child: ChildProcess = spawn(NGINX_BINARY, ["-p", `${prefix}/`, "-e", "logs/error.log", "-c", file], {
    stdio: "ignore",
  });
  if (child.pid) {
    registerProcess({
      pid: child.pid,
      startTime: processStartTime(child.pid) ?? "unknown",
      pidFile: `${prefix}/nginx`,
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the test nginx did not start");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
      if (child.pid) forgetProcess(child.pid);
    },
  };
}

export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
