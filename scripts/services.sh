#!/usr/bin/env bash
# Private local services for one instance (STACKYARD_INSTANCE=dev|test): MariaDB, plus any nginx
# started through scripts/nginx.sh. Usage: services.sh up | down | status | env
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/mariadb.sh"
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"

up() {
  mariadb_ensure_installed
  nginx_ensure_installed
  mkdir -p "$MARIADB_DIR" "$NGINX_ROOT"
  mariadb_credentials
  if mariadb_running; then
    log "MariaDB already running (pid $(<"$MARIADB_PID")) on port $DB_PORT"
  else
    mariadb_init_datadir
    mariadb_start
  fi
  mariadb_provision
  mariadb_write_env
  log "ready: env in $SERVICES_ENV"
}

# Environments launched on the local sandbox run in their own process groups so they outlive a portal
# restart; they cannot outlive the database, so `down` stops them too (their state stays on disk).
sandbox_stop_all() {
  local pidfile pid
  for pidfile in "$INSTANCE_DIR"/sandbox/*/pids/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(<"$pidfile")
    if pid_alive "$pidfile" node || pid_alive "$pidfile" nginx; then
      log "stopping local sandbox process $pid ($(basename "$(dirname "$(dirname "$pidfile")")"))"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  return 0
}

# Whatever a test (or a sandbox whose data folder is gone) started and did not stop: the whole process
# group, once its start time proves the pid is still the one registered. TERM first, KILL after 5 s.
registry_live_pids() {
  local entry pid started file
  for entry in "$PID_REGISTRY"/*; do
    [[ -f "$entry" ]] || continue
    read -r pid started file <"$entry" || true
    if [[ "$pid" =~ ^[0-9]+$ ]] && [[ -n "$started" ]] && [[ "$(process_start_time "$pid")" == "$started" ]]; then
      echo "$pid ${file:-unknown}"
    fi
  done
}

registry_stop_all() {
  local pid file signal
  for signal in TERM KILL; do
    while read -r pid file; do
      [[ -n "$pid" ]] || continue
      log "stopping leftover process $pid ($file) with SIG$signal"
      kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
    done < <(registry_live_pids)
    if [[ $signal == TERM ]]; then
      # shellcheck disable=SC2016 # evaluated by wait_until, on every try
      wait_until '[[ -z "$(registry_live_pids)" ]]' 50 || true
    fi
  done
  rm -f "$PID_REGISTRY"/*
  return 0
}

down() {
  sandbox_stop_all
  registry_stop_all
  nginx_stop_all
  mariadb_stop
}

status() {
  if mariadb_running; then echo "mariadb: running (pid $(<"$MARIADB_PID"), port $DB_PORT)"; else echo "mariadb: stopped"; fi
  nginx_status
  mariadb_running
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env)
    [[ -f "$SERVICES_ENV" ]] || die "no $SERVICES_ENV yet: run services.sh up"
    cat "$SERVICES_ENV"
    ;;
  *) echo "usage: STACKYARD_INSTANCE=dev|test services.sh up | down | status | env" >&2; exit 2 ;;
esac
