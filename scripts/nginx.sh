#!/usr/bin/env bash
# Runs a given nginx config as a private process under .data/<instance>/nginx/<name>.
# Usage: nginx.sh check CONF | start NAME CONF | stop NAME | status
# The config must keep pid, logs and *_temp_path relative to the prefix (nothing in /etc or /var)
# and must not set `daemon`: we run nginx in the foreground of its own process group.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NGINX=/usr/sbin/nginx

nginx_ensure_installed() {
  [[ -x $NGINX ]] || ensure_debian_packages nginx-light
  [[ -x $NGINX ]] || ensure_debian_packages nginx
}

prefix_of() { printf '%s/%s' "$NGINX_ROOT" "$1"; }

valid_name() { [[ "$1" =~ ^[a-zA-Z0-9][a-zA-Z0-9._-]*$ ]] || die "nginx instance name '$1' may use letters, digits, . _ - only"; }

nginx_check() {
  local conf=$1 prefix=${2:-$NGINX_ROOT/_check}
  [[ -f "$conf" ]] || die "nginx config '$conf' does not exist"
  mkdir -p "$prefix/logs" "$prefix/tmp"
  "$NGINX" -t -q -p "$prefix/" -c "$(realpath "$conf")" -g 'daemon off;'
}

nginx_start() {
  local name=$1 conf=$2 prefix
  valid_name "$name"
  prefix=$(prefix_of "$name")
  if pid_alive "$prefix/master.pid" nginx; then log "nginx '$name' already running"; return 0; fi
  nginx_check "$conf" "$prefix"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'echo $$ >"$1/master.pid"; exec "$2" -p "$1/" -c "$3" -g "daemon off;"' _ \
    "$prefix" "$NGINX" "$(realpath "$conf")" </dev/null >>"$prefix/logs/stdout.log" 2>&1 &
  sleep 0.2
  pid_alive "$prefix/master.pid" nginx || { tail -n 5 "$prefix/logs/stdout.log" >&2; die "nginx '$name' exited at start"; }
  log "nginx '$name' running (pid $(<"$prefix/master.pid"))"
}

nginx_stop() {
  local prefix pid
  prefix=$(prefix_of "$1")
  pid_alive "$prefix/master.pid" nginx || return 0
  pid=$(<"$prefix/master.pid")
  kill -QUIT "$pid"
  wait_until "! kill -0 $pid" 100 || kill -KILL "$pid" || true
  rm -f "$prefix/master.pid"
  log "nginx '$1' stopped"
}

nginx_stop_all() {
  local dir
  for dir in "$NGINX_ROOT"/*/; do
    [[ -d "$dir" ]] && nginx_stop "$(basename "$dir")"
  done
  return 0
}

nginx_status() {
  local dir name
  for dir in "$NGINX_ROOT"/*/; do
    [[ -f "$dir/master.pid" ]] || continue
    name=$(basename "$dir")
    if pid_alive "$dir/master.pid" nginx; then echo "nginx $name: running (pid $(<"$dir/master.pid"))"; else echo "nginx $name: stopped"; fi
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  nginx_ensure_installed
  case "${1:-}" in
    check) nginx_check "${2:?usage: nginx.sh check CONF}" ;;
    start) nginx_start "${2:?usage: nginx.sh start NAME CONF}" "${3:?usage: nginx.sh start NAME CONF}" ;;
    stop) nginx_stop "${2:?usage: nginx.sh stop NAME}" ;;
    status) nginx_status ;;
    *) echo "usage: nginx.sh check CONF | start NAME CONF | stop NAME | status" >&2; exit 2 ;;
  esac
fi
