// stackyard: launch, update, follow, inspect and delete environments through a portal's API.
// Exit codes: 0 done (the stack reached *_COMPLETE), 1 the operation or the portal failed, 2 bad input,
// 130 stopped following (Ctrl-C). Every error is one line on stderr; no stack trace reaches the user.
import type { Command } from "./commands/command.js";
import { del } from "./commands/delete.js";
import { deploy } from "./commands/deploy.js";
import { events } from "./commands/events.js";
import { login } from "./commands/login.js";
import { plan } from "./commands/plan.js";
import { spec } from "./commands/spec.js";
import { status } from "./commands/status.js";
import { CliError } from "./errors.js";
import type { Io } from "./io.js";

export type { Io } from "./io.js";

const COMMANDS: Record<string, Command> = { login, spec, plan, deploy, status, events, delete: del };

const USAGE = `usage: stackyard <command> [options]

${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join("\n")}

The portal and token: STACKYARD_URL and STACKYARD_TOKEN (a personal API token from the portal's API
tokens page), or what \`stackyard login\` stored; the environment wins.
Exit codes: 0 done, 1 failed (the operation, or the portal), 2 bad input, 130 stopped following.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`stackyard: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`stackyard: unexpected error: ${message.split("\n")[0]}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    (name ? io.stdout : io.stderr)(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command || !Object.hasOwn(COMMANDS, name)) {
    throw new CliError(`unknown command: ${name} (see stackyard --help)`, 2);
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`usage: stackyard ${command.usage}\n`);
    return 0;
  }
  return command.run(rest, io);
}
