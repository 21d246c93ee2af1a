#!/usr/bin/env node
// The committed entry point of `npx stackyard-templates`. npm links a package's bin when it installs the
// workspace (npm ci), before any build: a bin pointing into dist/ does not exist then, so npm never linked
// it and npx went to the public registry instead. This file always exists and loads the built CLI.
import { existsSync } from "node:fs";

const cli = new URL("../dist/bin/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    "stackyard-templates is not built yet: run `npm run build -w @stackyard/templates` from the repository root\n",
  );
  process.exit(1);
}
await import(cli.href);
