// Argument parsing shared by the commands: node:util's strict parseArgs, with its errors turned into one
// line and exit 2, and the checks every command repeats (one NAME, a known target).
import { type ParseArgsConfig, parseArgs } from "node:util";
import { badInput } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

export function parse<T extends Options>(command: string, args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages are one line already ("Unknown option '--x'"); keep only the first sentence.
    const first = (error as Error).message.split(". ")[0];
    throw badInput(`${first} (see stackyard ${command} --help)`);
  }
}

export function onlyName(positionals: string[], command: string): string {
  if (positionals.length !== 1 || !positionals[0]) {
    throw badInput(`${command} needs exactly one environment NAME`);
  }
  return positionals[0];
}

export function noPositionals(positionals: string[], command: string): void {
  if (positionals.length) throw badInput(`${command} takes no argument: ${positionals[0]}`);
}

export type Target = "local" | "aws";

export function targetOf(value: string | undefined): Target | undefined {
  if (value === undefined) return undefined;
  if (value !== "local" && value !== "aws") throw badInput(`--target must be local or aws, not ${value}`);
  return value;
}

/** --target, shared by the commands that name an environment (a name may exist on both targets). */
export const targetOption = { target: { type: "string" } } as const;
export const jsonOption = { json: { type: "boolean" } } as const;

const DURATION = /^(\d{1,5})(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** --expires-in 90m|12h|7d: when the portal deletes the environment by itself, counted from now. */
export function expiryOf(value: string | undefined, now = Date.now()): Date | undefined {
  if (value === undefined) return undefined;
  const match = DURATION.exec(value);
  if (!match?.[1] || Number(match[1]) === 0) {
    throw badInput(`--expires-in must be a duration such as 90m, 12h or 7d, not ${value}`);
  }
  return new Date(now + Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}
