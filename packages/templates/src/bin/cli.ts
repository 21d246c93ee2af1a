#!/usr/bin/env node
// stackyard-templates: render, check and price an environment spec from the command line.
import { readFileSync } from "node:fs";
import { runCli } from "./run.js";

process.exitCode = runCli(process.argv.slice(2), {
  readStdin: () => readFileSync(0, "utf8"),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
