// Where the CLI finds its portal and token: STACKYARD_URL + STACKYARD_TOKEN (a pipeline's secrets), else
// the file `stackyard login` wrote under the user's config dir ($XDG_CONFIG_HOME/stackyard, or
// ~/.config/stackyard), readable by the user alone (0600 in a 0700 folder).
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { badInput } from "./errors.js";
import { Portal } from "./portal.js";

export interface Credentials {
  url: string;
  token: string;
}

type Env = Record<string, string | undefined>;

export function configDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "stackyard");
}

export const credentialsFile = (env: Env) => join(configDir(env), "credentials.json");

async function readCredentials(env: Env): Promise<Credentials | null> {
  const file = credentialsFile(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw badInput(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  try {
    const data = JSON.parse(text) as Partial<Credentials>;
    if (typeof data.url === "string" && typeof data.token === "string")
      return { url: data.url, token: data.token };
  } catch {
    // Reported below, like a file with the wrong shape.
  }
  throw badInput(`${file} is damaged: run stackyard login again`);
}

export async function writeCredentials(env: Env, credentials: Credentials): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = credentialsFile(env);
  // Written whole under another name, then renamed: a crash never leaves half a token behind.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
  return file;
}

/**
 * The environment wins over the file, and as a pair: a token from the environment is never sent to the
 * file's portal (or the file's token to another portal).
 */
export async function resolveCredentials(env: Env): Promise<Credentials> {
  const { STACKYARD_URL: url, STACKYARD_TOKEN: token } = env;
  if (url && token) return { url, token };
  if (url) throw badInput("STACKYARD_URL is set but STACKYARD_TOKEN is not (set both, or neither)");
  if (token) throw badInput("STACKYARD_TOKEN is set but STACKYARD_URL is not (set both, or neither)");
  const stored = await readCredentials(env);
  if (stored) return stored;
  throw badInput(
    "not logged in: run `stackyard login --url URL` (token on stdin) or set STACKYARD_URL and STACKYARD_TOKEN",
  );
}

/** A client of the portal the environment or the stored login names. */
export async function connect(io: { env: Env; fetch?: typeof fetch }): Promise<Portal> {
  const { url, token } = await resolveCredentials(io.env);
  return new Portal({ url, token, fetch: io.fetch });
}
