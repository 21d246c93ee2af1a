// Runs a real nginx for tests: a temp prefix dir, `daemon off` (the rendered config says so), ports in
// 5200-5299, stopped by the test that started it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const NGINX_BINARY = process.env.STACKYARD_NGINX_BINARY || "/usr/sbin/nginx";

export interface RunningNginx {
  prefix: string;
  stop: () => Promise<void>;
}

export function makePrefix(): string {
  const prefix = mkdtempSync(join(tmpdir(), "stackyard-nginx-"));
  // mkdtemp makes the dir 0700; nginx's workers (user nobody when started as root) must read the webroot.
  chmodSync(prefix, 0o755);
  for (const dir of ["logs", "temp", "acme/.well-known/acme-challenge"])
    mkdirSync(join(prefix, dir), { recursive: true });
  return prefix;
}

/** `nginx -t` on a config; returns nginx's stderr, throws when the config is refused. */
export function nginxTest(prefix: string, conf: string): string {
  const file = join(prefix, "nginx-test.conf");
  writeFileSync(file, conf);
  return execFileSync(
    NGINX_BINARY,
    ["-t", "-p", `${prefix}/`, "-e", join(prefix, "logs/startup.log"), "-c", file],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

export async function startNginx(prefix: string, conf: string, port: number): Promise<RunningNginx> {
  const file = join(prefix, "nginx.conf");
  writeFileSync(file, conf);
  const child: ChildProcess = spawn(
    NGINX_BINARY,
    ["-p", `${prefix}/`, "-e", join(prefix, "logs/startup.log"), "-c", file],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  registerForCleanup(child.pid, `${prefix}/nginx (test)`);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(
    port,
    () => child.exitCode !== null,
    () => stderr,
  );
  return {
    prefix,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, hasExited: () => boolean, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`nginx exited: ${stderr()}`);
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
  throw new Error(`nginx did not listen on ${port}: ${stderr()}`);
}

/** A self-signed certificate for TLS tests (openssl from Debian's openssl package). */
export function selfSignedCertificate(dir: string): { certificatePath: string; keyPath: string } {
  const certificatePath = join(dir, "cert.pem");
  const keyPath = join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=notes.test",
      "-keyout",
      keyPath,
      "-out",
      certificatePath,
    ],
    { stdio: "ignore" },
  );
  return { certificatePath, keyPath };
}

/** Lists the process in STACKYARD_PID_REGISTRY, so `services.sh down` stops it should this test not. */
function registerForCleanup(pid: number | undefined, what: string): void {
  const dir = process.env.STACKYARD_PID_REGISTRY;
  if (!dir || pid === undefined) return;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(pid)), `${pid} ${startTime} ${what}\n`);
}
