#!/usr/bin/env bash
# npm run bench -w @stackyard/notes-api: notes-api against the seed's Flask app, same machine, same MariaDB,
# same data, same load tool, in one run. Not part of CI (it installs Debian packages and takes ~15 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_ROOT="$(cd ../.. && pwd)"

if [ -z "${MARIADB_ADMIN_URL:-}" ]; then
  ENV_FILE="$REPO_ROOT/.data/${STACKYARD_INSTANCE:-test}/services.env"
  if [ ! -f "$ENV_FILE" ]; then
    echo "bench: MARIADB_ADMIN_URL is not set and $ENV_FILE does not exist." >&2
    echo "       Start MariaDB first: STACKYARD_INSTANCE=test bash scripts/services.sh up" >&2
    exit 1
  fi
  set -a; . "$ENV_FILE"; set +a
fi

# The peer's runtime and the load tool, from Debian (the peer must run under /usr/bin/python3).
missing=()
for pkg in python3-flask python3-flask-sqlalchemy python3-pymysql gunicorn wrk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
fi

npm run build >/dev/null
exec node bench/run.mjs "$@"
