#!/usr/bin/env bash
# npm start: private services, migrations, a production build, and the portal on http://127.0.0.1:3000.
# Ctrl-C stops everything this script started (services already running before it are left running).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
PORTAL_PORT=${PORT:-3000}
port_in_use "$PORTAL_PORT" && die "port $PORTAL_PORT is in use (another npm start?). Stop it, or run PORT=<port> npm start"

services_were_running=0
bash scripts/services.sh status >/dev/null 2>&1 && services_were_running=1
portal_pid=""

cleanup() {
  trap - EXIT INT TERM
  if [[ -n "$portal_pid" ]] && kill -0 "$portal_pid" 2>/dev/null; then
    kill -TERM -- "-$portal_pid" 2>/dev/null || true
    wait "$portal_pid" 2>/dev/null || true
  fi
  ((services_were_running)) || bash scripts/services.sh down
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null || ensure_debian_packages curl
bash scripts/services.sh up
set -a
# shellcheck disable=SC1090
source "$SERVICES_ENV"
set +a

# The CLI too, so that `npx --no-install stackyard …` works from the checkout once the portal is up.
log "building the portal and the stackyard CLI (turbo caches this after the first run)"
npx turbo run build --filter=@stackyard/portal... --filter=@stackyard/cli... --output-logs=errors-only
node packages/db/dist/migrate-cli.js

# Own process group, so cleanup stops next and every worker it forks.
(cd apps/portal && exec setsid ../../node_modules/.bin/next start -H 127.0.0.1 -p "$PORTAL_PORT") &
portal_pid=$!
wait_until "curl -fsS -o /dev/null http://127.0.0.1:$PORTAL_PORT/" 600 || die "the portal did not answer within 60 s"
log "Stackyard portal: http://127.0.0.1:$PORTAL_PORT  (Ctrl-C stops it)"
# First run: while nobody has an account, the portal keeps a one-time setup token in this instance's data
# folder (written at boot, and by the setup page, which this request renders); only someone who can read
# that folder can create the first admin.
setup_token_file="${STACKYARD_DATA_DIR:-$INSTANCE_DIR}/setup-token"
curl -fsS -o /dev/null "http://127.0.0.1:$PORTAL_PORT/setup" || true
if [[ -s "$setup_token_file" ]]; then
  log "first run: open http://127.0.0.1:$PORTAL_PORT/setup and enter the setup token $(<"$setup_token_file")"
  log "(it is also in $setup_token_file, and stops working once the first admin exists)"
fi
wait "$portal_pid"
