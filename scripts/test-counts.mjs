// Counts the tests in the JSON reports of one run (vitest per workspace, Playwright) and node's TAP
// output. Each test counts once, by its file and full title: a retried test counts by its final outcome,
// and a test that two reports both name counts once, as its worst outcome (a failure is never hidden).
// A file that failed without any failing test (it did not load, or a hook threw) counts as one failure.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const RANK = { skipped: 0, passed: 1, failed: 2 };

function vitestOutcomes(report, add) {
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      const outcome = test.status === "passed" ? "passed" : test.status === "failed" ? "failed" : "skipped";
      add(`${file.name}::${test.fullName}`, outcome);
    }
    if (file.status === "failed" && !tests.some((test) => test.status === "failed")) {
      add(`${file.name}::(file)`, "failed");
    }
  }
}

function playwrightOutcomes(report, add) {
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const outcome =
          test.status === "unexpected" ? "failed" : test.status === "skipped" ? "skipped" : "passed";
        add(`${spec.file}::${[...titles, spec.title].join(" › ")}::${test.projectName}`, outcome);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  // A global setup that threw runs no test at all.
  if ((report.errors ?? []).length > 0) add("playwright::(global errors)", "failed");
}

/** Node's test runner, TAP reporter: its closing "# pass N" / "# fail N" / "# skipped N" lines. */
export function tapTotals(text) {
  const count = (word) => Number(new RegExp(`^# ${word} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return {
    passed: count("pass"),
    failed: count("fail") + count("cancelled"),
    skipped: count("skipped") + count("todo"),
  };
}

/** Totals over the named JSON reports (parsed) and TAP texts. */
export function countTests(jsonReports, tapTexts = []) {
  const outcomes = new Map();
  const add = (key, outcome) => {
    const before = outcomes.get(key);
    if (!before || RANK[outcome] > RANK[before]) outcomes.set(key, outcome);
  };
  for (const report of jsonReports) {
    if (report.stats && "expected" in report.stats) playwrightOutcomes(report, add);
    else vitestOutcomes(report, add);
  }
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes.values()) totals[outcome] += 1;
  for (const text of tapTexts) {
    const tap = tapTotals(text);
    for (const key of Object.keys(totals)) totals[key] += tap[key];
  }
  return totals;
}

export function readReports(dir, names) {
  const json = names
    .filter((n) => n.endsWith(".json"))
    .map((n) => JSON.parse(readFileSync(join(dir, n), "utf8")));
  const tap = names.filter((n) => n.endsWith(".tap")).map((n) => readFileSync(join(dir, n), "utf8"));
  return { json, tap };
}
