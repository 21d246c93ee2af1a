// The process's stdin for the CLI: a token or a spec piped in, or typed at a terminal (the token then
// without echo), and a yes/no question for deploy on a terminal.
import { createInterface } from "node:readline/promises";

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return readHiddenLine("Paste the API token (input hidden), then Enter: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function readHiddenLine(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let line = "";
  return new Promise((resolve) => {
    const done = (text: string) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      resolve(text);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n") return done(line);
        // Ctrl-C or Ctrl-D: nothing read (login then says so and exits non-zero).
        if (char === "\u0003" || char === "\u0004") return done("");
        line = char === "\u007f" ? line.slice(0, -1) : line + char;
      }
    };
    stdin.on("data", onData);
  });
}

export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C at the question is a "no".
  const cancel = new AbortController();
  prompt.once("SIGINT", () => cancel.abort());
  try {
    const answer = await prompt.question(`${question} [y/N] `, { signal: cancel.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    process.stderr.write("\n");
    return false;
  } finally {
    prompt.close();
  }
}
