#!/usr/bin/env node
// stackyard: the CLI's process entry (bin/stackyard.js loads this once built). Ctrl-C stops following;
// the deployment itself goes on in the portal.
import { run } from "../main.js";
import { confirm, readStdin } from "./terminal.js";

const interrupted = new AbortController();
process.once("SIGINT", () => interrupted.abort());

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interrupted: interrupted.signal,
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  readStdin,
  confirm,
});
// A pending poll timer or stream must not keep the process alive after the answer.
process.exit();
