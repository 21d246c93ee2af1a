# shellcheck shell=bash disable=SC2034
# Shared settings for the local service scripts; sourced, never run.
# One "instance" (dev for npm start, test for npm test) = one data folder + one set of ports,
# so the test run never touches the data of a running portal.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INSTANCE=${STACKYARD_INSTANCE:-dev}
case "$INSTANCE" in
  dev) DB_PORT=${STACKYARD_DB_PORT:-3307} ;;
  test) DB_PORT=${STACKYARD_TEST_DB_PORT:-3317} ;;
  *) echo "STACKYARD_INSTANCE must be dev or test (got '$INSTANCE')" >&2; exit 2 ;;
esac
INSTANCE_DIR="$REPO_ROOT/.data/$INSTANCE"
MARIADB_DIR="$INSTANCE_DIR/mariadb"
MARIADB_DATA="$MARIADB_DIR/data"
MARIADB_SOCK="$MARIADB_DIR/mysqld.sock"
MARIADB_PID="$MARIADB_DIR/mysqld.pid"
MARIADB_LOG="$MARIADB_DIR/error.log"
CREDENTIALS_FILE="$INSTANCE_DIR/credentials"
SERVICES_ENV="$INSTANCE_DIR/services.env"
NGINX_ROOT="$INSTANCE_DIR/nginx"
# Every process a test or a local sandbox of this instance starts is listed here (see process-registry.ts).
PID_REGISTRY="$INSTANCE_DIR/pids"

log() { printf '[%s] %s\n' "$INSTANCE" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$INSTANCE" "$*" >&2; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when the pid in file $1 is alive and its command name is $2 (guards against reused pids).
pid_alive() {
  local file=$1 name=$2 pid
  [[ -s "$file" ]] || return 1
  pid=$(<"$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/comm" ]] && [[ "$(<"/proc/$pid/comm")" == "$name"* ]]
}

# The start time (field 22 of /proc/PID/stat) of pid $1, or nothing when it is gone or a zombie.
process_start_time() {
  local stat rest
  { stat=$(<"/proc/$1/stat"); } 2>/dev/null || return 0
  rest=${stat##*) }
  read -r -a fields <<<"$rest"
  [[ "${fields[0]}" == Z ]] || echo "${fields[19]}"
}

# Installs Debian packages when we may (root + apt-get); otherwise says how and fails.
ensure_debian_packages() {
  local missing=("$@")
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    die "missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}"
  fi
}

# Waits until $1 (a command) succeeds, up to $2 tenths of a second.
wait_until() {
  local cmd=$1 tries=$2
  for ((i = 0; i < tries; i++)); do
    if eval "$cmd" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}
