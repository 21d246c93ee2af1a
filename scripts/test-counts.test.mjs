// node --test scripts/: the counting behind CI's closing line. Run by scripts/test.sh.
import assert from "node:assert/strict";
import { test } from "node:test";
import { countTests, tapTotals } from "./test-counts.mjs";

// What vitest's JSON reporter writes for one file whose describe block holds a failed test: the file and
// the describe block both count as failed suites, which once made one failure count twice.
const vitestWithOneFailure = {
  numTotalTestSuites: 2,
  numFailedTestSuites: 2,
  numPassedTests: 1,
  numFailedTests: 1,
  testResults: [
    {
      name: "/repo/a.test.ts",
      status: "failed",
      assertionResults: [
        { fullName: "suite passes", status: "passed" },
        { fullName: "suite fails", status: "failed" },
      ],
    },
  ],
};

test("a failed test inside a describe block counts once", () => {
  assert.deepEqual(countTests([vitestWithOneFailure]), { passed: 1, failed: 1, skipped: 0 });
});

test("a file that failed to load counts as one failure", () => {
  const report = { testResults: [{ name: "/repo/b.test.ts", status: "failed", assertionResults: [] }] };
  assert.deepEqual(countTests([report]), { passed: 0, failed: 1, skipped: 0 });
});

test("the same test in two reports counts once, as its worst outcome", () => {
  const passed = {
    testResults: [
      {
        name: "/repo/a.test.ts",
        status: "passed",
        assertionResults: [{ fullName: "suite fails", status: "passed" }],
      },
    ],
  };
  assert.deepEqual(countTests([vitestWithOneFailure, passed]), { passed: 1, failed: 1, skipped: 0 });
});

test("Playwright: a flaky test (failed, then passed on retry) is one pass; skipped and failed count", () => {
  const report = {
    stats: { expected: 1, unexpected: 1, flaky: 1, skipped: 1 },
    errors: [],
    suites: [
      {
        title: "a.spec.ts",
        file: "a.spec.ts",
        specs: [
          { title: "ok", file: "a.spec.ts", tests: [{ status: "expected", projectName: "chromium" }] },
          { title: "retried", file: "a.spec.ts", tests: [{ status: "flaky", projectName: "chromium" }] },
        ],
        suites: [
          {
            title: "group",
            specs: [
              {
                title: "broken",
                file: "a.spec.ts",
                tests: [{ status: "unexpected", projectName: "chromium" }],
              },
              { title: "later", file: "a.spec.ts", tests: [{ status: "skipped", projectName: "chromium" }] },
            ],
          },
        ],
      },
    ],
  };
  assert.deepEqual(countTests([report]), { passed: 2, failed: 1, skipped: 1 });
});

test("Playwright: a global setup error with no test run is a failure", () => {
  const report = {
    stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
    errors: [{ message: "x" }],
    suites: [],
  };
  assert.deepEqual(countTests([report]), { passed: 0, failed: 1, skipped: 0 });
});

test("node's TAP totals are added", () => {
  const tap =
    "TAP version 13\n# tests 4\n# suites 0\n# pass 3\n# fail 1\n# cancelled 0\n# skipped 0\n# todo 0\n";
  assert.deepEqual(tapTotals(tap), { passed: 3, failed: 1, skipped: 0 });
  assert.deepEqual(countTests([], [tap]), { passed: 3, failed: 1, skipped: 0 });
});
