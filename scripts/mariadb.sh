# shellcheck shell=bash
# MariaDB as a private process under .data/<instance>/mariadb; sourced by services.sh.

MARIADBD=/usr/sbin/mariadbd

mariadb_ensure_installed() {
  local missing=()
  [[ -x $MARIADBD ]] && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null \
    || missing+=(mariadb-server mariadb-client)
  ensure_debian_packages "${missing[@]}"
}

mariadb_running() { pid_alive "$MARIADB_PID" mariadbd; }

mariadb_init_datadir() {
  if [[ -d "$MARIADB_DATA/mysql" ]]; then return 0; fi
  if [[ -d "$MARIADB_DATA" ]] && [[ -n "$(ls -A "$MARIADB_DATA")" ]]; then
    die "$MARIADB_DATA is not empty but has no system tables (corrupt or foreign data dir). Move it away or delete it (rm -rf '$MARIADB_DATA') and run again."
  fi
  mkdir -p "$MARIADB_DATA"
  log "initialising MariaDB data dir"
  mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db >"$MARIADB_DIR/install.log" 2>&1 \
    || die "mariadb-install-db failed; see $MARIADB_DIR/install.log"
}

mariadb_start() {
  if port_in_use "$DB_PORT"; then
    die "port $DB_PORT is already in use by another process. Stop it, or pick another port: STACKYARD_$([[ $INSTANCE == test ]] && echo TEST_)DB_PORT=<port>"
  fi
  log "starting MariaDB on 127.0.0.1:$DB_PORT"
  : >"$MARIADB_LOG"
  setsid "$MARIADBD" --no-defaults --datadir="$MARIADB_DATA" --socket="$MARIADB_SOCK" \
    --pid-file="$MARIADB_PID" --port="$DB_PORT" --bind-address=127.0.0.1 --user="$(id -un)" \
    --skip-name-resolve --log-error="$MARIADB_LOG" --max-connections=500 \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 </dev/null >/dev/null 2>&1 &
  if ! wait_until "mariadb-admin --no-defaults --socket='$MARIADB_SOCK' -uroot ping" 300; then
    tail -n 20 "$MARIADB_LOG" >&2 || true
    die "MariaDB did not start within 30 s (log: $MARIADB_LOG). If the data dir is damaged, delete $MARIADB_DIR and run again."
  fi
}

mariadb_stop() {
  mariadb_running || return 0
  local pid
  pid=$(<"$MARIADB_PID")
  log "stopping MariaDB (pid $pid)"
  kill -TERM "$pid"
  wait_until "! kill -0 $pid" 300 || { log "MariaDB did not stop in 30 s; killing"; kill -KILL "$pid" || true; }
}

random_secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Passwords are made once per instance and kept in a 0600 file: nothing secret lives in the repo.
mariadb_credentials() {
  if [[ ! -s "$CREDENTIALS_FILE" ]]; then
    umask 077
    printf 'PORTAL_DB_PASSWORD=%s\nNOTES_DB_PASSWORD=%s\nADMIN_DB_PASSWORD=%s\n' \
      "$(random_secret)" "$(random_secret)" "$(random_secret)" >"$CREDENTIALS_FILE"
  fi
  # shellcheck disable=SC1090
  source "$CREDENTIALS_FILE"
  # Instances provisioned before the sandbox account existed get its password added.
  if [[ -z "${SANDBOX_DB_PASSWORD:-}" ]]; then
    (umask 077 && printf 'SANDBOX_DB_PASSWORD=%s\n' "$(random_secret)" >>"$CREDENTIALS_FILE")
    # shellcheck disable=SC1090
    source "$CREDENTIALS_FILE"
  fi
}

# The account that creates scratch databases for the test suites (packages/db/testing, notes-api's tests,
# the benchmarks): all privileges, so it exists only in the test instance. The dev instance drops it.
mariadb_test_admin_sql() {
  if [[ "$INSTANCE" == test ]]; then
    cat <<SQL
CREATE USER IF NOT EXISTS 'stackyard_admin'@'127.0.0.1' IDENTIFIED BY '$ADMIN_DB_PASSWORD';
ALTER USER 'stackyard_admin'@'127.0.0.1' IDENTIFIED BY '$ADMIN_DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'stackyard_admin'@'127.0.0.1' WITH GRANT OPTION;
SQL
  else
    echo "DROP USER IF EXISTS 'stackyard_admin'@'127.0.0.1';"
  fi
}

# Idempotent: databases and users are created if missing, passwords re-asserted, and the sandbox
# account's grants reset (REVOKE, then GRANT) so an instance provisioned with wider ones is narrowed.
# stackyard_sandbox is the portal's local target (MARIADB_SANDBOX_URL): it creates and drops only
# databases named sandbox?* (the pattern is `sandbox_%`: MariaDB 10.11 refuses GRANT ... ON db.* to an
# account whose grant pattern escapes the underscore as \_, so _ stays a one-character wildcard), grants
# on them (GRANT OPTION there only), and manages the environments' users (CREATE USER, which also covers
# DROP USER and ALTER USER for password rotation). It cannot read or change stackyard, notes or any other
# database.
mariadb_provision() {
  { mariadb_test_admin_sql; cat; } <<SQL | mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot
CREATE DATABASE IF NOT EXISTS stackyard CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS notes CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'stackyard'@'127.0.0.1' IDENTIFIED BY '$PORTAL_DB_PASSWORD';
ALTER USER 'stackyard'@'127.0.0.1' IDENTIFIED BY '$PORTAL_DB_PASSWORD';
GRANT ALL PRIVILEGES ON stackyard.* TO 'stackyard'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'notes'@'127.0.0.1' IDENTIFIED BY '$NOTES_DB_PASSWORD';
ALTER USER 'notes'@'127.0.0.1' IDENTIFIED BY '$NOTES_DB_PASSWORD';
GRANT ALL PRIVILEGES ON notes.* TO 'notes'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'stackyard_sandbox'@'127.0.0.1' IDENTIFIED BY '$SANDBOX_DB_PASSWORD';
ALTER USER 'stackyard_sandbox'@'127.0.0.1' IDENTIFIED BY '$SANDBOX_DB_PASSWORD';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'stackyard_sandbox'@'127.0.0.1';
GRANT CREATE USER ON *.* TO 'stackyard_sandbox'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`sandbox_%\`.* TO 'stackyard_sandbox'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
}

mariadb_write_env() {
  umask 077
  cat >"$SERVICES_ENV" <<ENV
# Written by scripts/services.sh for the '$INSTANCE' instance. Source it: set -a; . $SERVICES_ENV; set +a
export STACKYARD_INSTANCE=$INSTANCE
export STACKYARD_DATA_DIR=$INSTANCE_DIR
export STACKYARD_DB_PORT=$DB_PORT
export DATABASE_URL=mysql://stackyard:$PORTAL_DB_PASSWORD@127.0.0.1:$DB_PORT/stackyard
export NOTES_DATABASE_URL=mysql://notes:$NOTES_DB_PASSWORD@127.0.0.1:$DB_PORT/notes
export MARIADB_SANDBOX_URL=mysql://stackyard_sandbox:$SANDBOX_DB_PASSWORD@127.0.0.1:$DB_PORT/
export STACKYARD_PID_REGISTRY=$PID_REGISTRY
ENV
  if [[ "$INSTANCE" == test ]]; then
    echo "export MARIADB_ADMIN_URL=mysql://stackyard_admin:$ADMIN_DB_PASSWORD@127.0.0.1:$DB_PORT/" >>"$SERVICES_ENV"
  fi
}
