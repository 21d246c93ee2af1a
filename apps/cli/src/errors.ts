// The CLI's one error type: a message a person can act on, on one line, and the exit code it ends with.
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the operation or the portal failed; 2: the input was wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad input: exit 2. */
export const badInput = (message: string) => new CliError(message, 2);
