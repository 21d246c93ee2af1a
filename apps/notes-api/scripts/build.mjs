// `npm run build`: src/ bundled by esbuild into dist/ (main.js, migrate-cli.js and the chunks they share),
// dependencies included. A worker used to spend most of its start resolving, reading and compiling ~700
// files of node_modules one by one; from a bundle it starts about a fifth faster (bench/notes-api-profile.md,
// "Start-up"), and the image needs no node_modules at all. Types are checked by `npm run typecheck` (tsc).
import { rm } from "node:fs/promises";
import { build } from "esbuild";

const APP_DIR = new URL("../", import.meta.url);
const DIST_DIR = new URL("dist/", APP_DIR);

await rm(DIST_DIR, { recursive: true, force: true });
await build({
  absWorkingDir: new URL(".", APP_DIR).pathname,
  entryPoints: ["src/main.ts", "src/migrate-cli.ts"],
  outdir: "dist",
  bundle: true,
  // main.ts loads server.js, primary.js and the AWS SDK on demand (a cluster primary never loads Fastify),
  // so each stays a chunk of its own, loaded by the processes that need it. Chunks sit directly in dist/,
  // where src/paths.ts expects the code to be.
  splitting: true,
  format: "esm",
  platform: "node",
  // ES module builds first, where a package has one (the AWS SDK): esbuild hands a dynamic import() of a
  // bundled CommonJS package only its `default`, so `(await import(sdk)).SecretsManagerClient` was undefined.
  mainFields: ["module", "main"],
  target: "node22",
  sourcemap: true,
  // Whitespace and syntax, not names (stack traces in the logs stay readable). V8 keeps every loaded
  // script's source in memory: unminified, the bundle cost each process 5-6 MB more RSS than tsc's output
  // and node_modules (peak 122-123 vs 116-117 MB, one worker under the list); minified, the same as before.
  minifyWhitespace: true,
  minifySyntax: true,
  // The bundled CommonJS packages (mysql2, pino, Fastify's plugins) call require() for Node's own modules,
  // which an ES module does not have.
  banner: {
    js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
  },
  logLevel: "warning",
});
