#!/usr/bin/env bash
# npm run bench -w @stackyard/portal: the deploy engine's benchmark. Needs the test instance's MariaDB and
# nginx (scripts/bench.sh starts them and loads their env), and the built packages and notes-api.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_ROOT="$(cd ../.. && pwd)"

if [ -z "${MARIADB_ADMIN_URL:-}" ]; then
  ENV_FILE="$REPO_ROOT/.data/${STACKYARD_INSTANCE:-test}/services.env"
  if [ ! -f "$ENV_FILE" ]; then
    echo "bench: MARIADB_ADMIN_URL is not set and $ENV_FILE does not exist." >&2
    echo "       Start the services first: STACKYARD_INSTANCE=test bash scripts/services.sh up" >&2
    exit 1
  fi
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
fi

# The local sandbox runs apps/notes-api/dist; the portal imports the packages' dist.
(cd "$REPO_ROOT" && npx turbo run build --filter=@stackyard/db --filter=@stackyard/templates \
  --filter=@stackyard/notes-api --output-logs=errors-only)
# "logs": the log panel's benchmark alone (bench/logs-run.ts); otherwise the deploy engine's, then it.
if [ "${1:-}" = "logs" ]; then
  exec npx tsx --conditions=react-server bench/logs-run.ts
fi
npx tsx --conditions=react-server bench/run.ts "$@"
exec npx tsx --conditions=react-server bench/logs-run.ts
