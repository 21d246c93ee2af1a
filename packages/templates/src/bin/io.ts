// What a CLI command reads and writes: injected, so tests run commands in-process and read their output.
export interface CliIo {
  readStdin: () => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}
