#!/usr/bin/env bash
# npm test: starts the test instance's services (own data dir and ports, so a running `npm start` is not
# touched), then lint, knip, typecheck, unit, integration and e2e tests; stops what it started; ends with one
# "N passed, N failed, N skipped" line adding up every runner.
STACKYARD_INSTANCE="test"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e
cd "$REPO_ROOT" || exit 1
export STACKYARD_INSTANCE NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
export STACKYARD_TEST_REPORTS="$INSTANCE_DIR/reports"
# The e2e portal is built and served from its own folder, apart from a running npm start.
export STACKYARD_NEXT_DIST_DIR=.next-test
rm -rf "$STACKYARD_TEST_REPORTS" && mkdir -p "$STACKYARD_TEST_REPORTS"

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v openssl >/dev/null || missing+=(openssl)
ensure_debian_packages "${missing[@]}" || exit 1

services_were_running=0
bash scripts/services.sh status >/dev/null 2>&1 && services_were_running=1
cleanup() { ((services_were_running)) || bash scripts/services.sh down; }
trap cleanup EXIT
bash scripts/services.sh up || exit 1
set -a
# shellcheck disable=SC1090
source "$SERVICES_ENV"
set +a

failed_steps=()
step() {
  local name=$1
  shift
  printf '\n==== %s: %s\n' "$name" "$*"
  "$@" || failed_steps+=("$name")
}

step scripts node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$STACKYARD_TEST_REPORTS/node-scripts.tap" scripts/*.test.mjs
step lint npx biome check .
# Unused files, exports and dependencies, and dependencies used but not listed (knip.json).
step knip npx knip --no-progress
step shellcheck shellcheck -x scripts/*.sh .ci/run packages/db/scripts/*.sh
step build npx turbo run build --output-logs=errors-only
step typecheck npx turbo run typecheck --output-logs=errors-only
step unit npx turbo run test
step migrate node packages/db/dist/migrate-cli.js
step integration npx turbo run test:integration --concurrency=1
step e2e npx turbo run test:e2e --concurrency=1

printf '\n'
((${#failed_steps[@]})) && echo "failed steps: ${failed_steps[*]}"
node scripts/test-summary.mjs "$STACKYARD_TEST_REPORTS"
summary_status=$?
((${#failed_steps[@]} == 0 && summary_status == 0))
