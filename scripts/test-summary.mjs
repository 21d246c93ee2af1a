// Adds up the JSON reports of every test runner of this run (vitest per workspace, Playwright) and
// prints the one closing line CI reads: "Tests: N passed, N failed, N skipped". Exits 1 on any failure.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: test-summary.mjs REPORT_DIR");
  process.exit(2);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const files = readdirSync(dir).filter((name) => name.endsWith(".json"));
for (const name of files) {
  const report = JSON.parse(readFileSync(join(dir, name), "utf8"));
  if (report.stats && "expected" in report.stats) {
    totals.passed += report.stats.expected + report.stats.flaky;
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
  } else {
    totals.passed += report.numPassedTests ?? 0;
    // A file that fails to load has no tests in it but must still count as a failure.
    totals.failed +=
      (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}

function countSuitesWithFailedTests(report) {
  return (report.testResults ?? []).filter((suite) =>
    (suite.assertionResults ?? []).some((test) => test.status === "failed"),
  ).length;
}

console.log(`${files.length} test reports read from ${dir}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || files.length === 0 ? 1 : 0);
