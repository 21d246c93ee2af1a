#!/usr/bin/env node
// The committed entry point of `npx stackyard`. npm links a package's bin when it installs the workspace
// (npm ci), before any build: a bin pointing into dist/ would not exist then, so npm would not link it.
// This file always exists and loads the built CLI.
import { existsSync } from "node:fs";

const cli = new URL("../dist/bin/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    "stackyard is not built yet: run `npm run build -w @stackyard/cli` from the repository root\n",
  );
  process.exit(1);
}
await import(cli.href);
