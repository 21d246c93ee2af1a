// Adds up the reports of every test runner of this run (vitest per workspace, Playwright, node's test
// runner) and prints the one closing line CI reads: "Tests: N passed, N failed, N skipped". Exits 1 on
// any failure, or when there is no report at all.
import { readdirSync } from "node:fs";
import { countTests, readReports } from "./test-counts.mjs";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: test-summary.mjs REPORT_DIR");
  process.exit(2);
}

const names = readdirSync(dir).filter((name) => name.endsWith(".json") || name.endsWith(".tap"));
const { json, tap } = readReports(dir, names);
const totals = countTests(json, tap);
console.log(`${names.length} test reports read from ${dir}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || names.length === 0 ? 1 : 0);
