// First-load JavaScript per route (gzip), from the build manifests: Next 16 no longer prints it.
// A route's first load is the root main files every page needs plus the chunks its layout and page
// entries list in the route's client reference manifest. Run after `next build`: node scripts/first-load-js.mjs
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const dotNext = new URL("../.next/", import.meta.url).pathname;
const root = JSON.parse(readFileSync(join(dotNext, "build-manifest.json"), "utf8")).rootMainFiles;
const gzipKb = (file) => gzipSync(readFileSync(join(dotNext, file))).length / 1024;

function* manifests(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* manifests(path);
    else if (name === "page_client-reference-manifest.js") yield path;
  }
}

const rows = [];
for (const file of manifests(join(dotNext, "server/app"))) {
  const context = {};
  context.globalThis = context;
  vm.runInNewContext(readFileSync(file, "utf8"), context);
  const [route, manifest] = Object.entries(context.__RSC_MANIFEST)[0];
  const chunks = new Set(root);
  for (const [entry, files] of Object.entries(manifest.entryJSFiles)) {
    if (entry.endsWith("/layout") || entry.endsWith("/page")) for (const chunk of files) chunks.add(chunk);
  }
  const total = [...chunks].reduce((sum, chunk) => sum + gzipKb(chunk), 0);
  rows.push({ route: route.replace(/\/page$/, "") || "/", kb: total, file: relative(dotNext, file) });
}
for (const row of rows.sort((a, b) => a.route.localeCompare(b.route))) {
  console.log(`${row.route.padEnd(28)} ${row.kb.toFixed(1).padStart(7)} KB gzip first-load JS`);
}
