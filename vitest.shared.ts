// One vitest setup for every workspace. STACKYARD_TEST_KIND picks unit (default) or integration tests;
// STACKYARD_TEST_REPORTS, when set, adds a JSON report there so scripts/test-summary.mjs can add up counts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The portal marks server modules with `import "server-only"`, which throws outside a React server
// build; tests run them on Node, as the server does, so they get its empty version.
const serverOnly = fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url));

export function stackyardVitestConfig(workspace: string) {
  const kind = process.env.STACKYARD_TEST_KIND === "integration" ? "integration" : "unit";
  const reportDir = process.env.STACKYARD_TEST_REPORTS;
  const include =
    kind === "integration"
      ? ["src/**/*.integration.test.ts"]
      : ["src/**/*.test.ts", "bin/**/*.test.ts", "bench/**/*.test.ts"];
  return defineConfig({
    resolve: { alias: { "server-only": serverOnly } },
    test: {
      include,
      exclude:
        kind === "unit"
          ? ["**/*.integration.test.ts", "**/node_modules/**", "**/dist/**"]
          : ["**/node_modules/**", "**/dist/**"],
      passWithNoTests: true,
      // Generous: the schema and property tests are CPU-heavy, and CI machines are shared.
      testTimeout: kind === "integration" ? 60_000 : 30_000,
      hookTimeout: 60_000,
      fileParallelism: kind === "unit",
      reporters: reportDir ? ["default", "json"] : ["default"],
      outputFile: reportDir ? { json: `${reportDir}/vitest-${workspace}-${kind}.json` } : undefined,
    },
  });
}
