// What a command may use of the outside world. bin/cli.ts wires the process; tests pass their own.
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** How long to wait between status polls while following (default 2 s). */
  pollMs?: number;
  /** Aborted when the user presses Ctrl-C: following stops, the deployment goes on. */
  interrupted?: AbortSignal;
  /** stdout is a terminal: a progress bar instead of plain lines, and deploy may ask instead of --yes. */
  isTTY?: boolean;
  /** The terminal's width, for the progress bar. */
  columns?: number;
  /** Everything on stdin (login reads the token there; `--spec -` reads the spec). */
  readStdin?: () => Promise<string>;
  /** Asks a yes/no question on the terminal; only called when isTTY. */
  confirm?: (question: string) => Promise<boolean>;
  now?: () => Date;
}
