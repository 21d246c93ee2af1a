#!/usr/bin/env bash
# npm run bench: every workspace's benchmark, one after another (they share the two cores, so never in
# parallel). Not part of npm test. Results are written down by hand in bench/README.md.
STACKYARD_INSTANCE="test"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

services_were_running=0
bash scripts/services.sh status >/dev/null 2>&1 && services_were_running=1
cleanup() { ((services_were_running)) || bash scripts/services.sh down; }
trap cleanup EXIT
bash scripts/services.sh up
set -a
# shellcheck disable=SC1090
source "$SERVICES_ENV"
set +a
echo "machine load before: $(cut -d' ' -f1-3 /proc/loadavg)"
npm run bench --workspaces --if-present
