import type { Io } from "../io.js";

/** One `stackyard <name>` command: its usage line(s) and what it does. */
export interface Command {
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}
