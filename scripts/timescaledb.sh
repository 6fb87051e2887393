#!/usr/bin/env bash
# Provide a real TimescaleDB server on 127.0.0.1:5433 for tests and CI.
#
#   scripts/timescaledb.sh start    start a fresh, empty server (idempotent)
#   scripts/timescaledb.sh start --durable
#                                   the same with the production settings of
#                                   deploy/postgresql/caregrid.conf (fsync and
#                                   synchronous commit on): for benchmarks
#   scripts/timescaledb.sh stop     stop it and release its mounts (idempotent)
#   scripts/timescaledb.sh status   exit 0 if the port accepts connections
#   scripts/timescaledb.sh url      print the JDBC URL of the test database
#
# Debian 12 ships no TimescaleDB package, so unless the host already has
# PostgreSQL with the timescaledb extension, we build (once, cached outside
# the work tree) a minimal Debian 13 root holding postgresql-17 and
# postgresql-17-timescaledb, and run PostgreSQL from it under chroot. That
# needs nothing but the Debian mirror this machine's apt already uses (its
# sources and proxy), which CI and developers can reach.
#
# Environment:
#   CAREGRID_TSDB_PORT      port to listen on (default 5433)
#   CAREGRID_TSDB_ROOT      cached Debian root (default /var/cache/caregrid/trixie-timescaledb)
#   CAREGRID_DEBIAN_MIRROR  the Debian archive to build the root from (default: the one
#                           apt's sources name for this machine's release)
set -euo pipefail

# "off" for tests (nothing to keep after a crash), "on" with --durable, which
# also takes the production settings shipped in deploy/postgresql/.
DURABILITY="off"
PRODUCTION_CONFIG="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/postgresql/caregrid.conf"
readonly PRODUCTION_CONFIG

readonly PORT="${CAREGRID_TSDB_PORT:-5433}"
readonly ROOT="${CAREGRID_TSDB_ROOT:-/var/cache/caregrid/trixie-timescaledb}"
readonly SUITE="trixie"
readonly CHROOT_PG_MAJOR=17
readonly LOCK_FILE="${ROOT}.lock"
readonly BUILD_LOG="${ROOT}.debootstrap.log"
readonly READY_TIMEOUT=60
# Paths as the server sees them (inside the root in chroot mode).
readonly BASE_DIR="/var/lib/caregrid-tsdb"
readonly DATA_DIR="${BASE_DIR}/data"
readonly LOG_FILE="/var/log/caregrid-tsdb.log"
# What PostgreSQL needs inside the chroot; unmounted in reverse order.
readonly CHROOT_MOUNTS=(proc dev dev/shm)

# Set by set_mode: "host" runs the host's PostgreSQL, "chroot" the cached root's.
MODE=""
PREFIX=""   # host path of the server's "/" ("" for host mode)
PG_BIN=""   # PostgreSQL bin dir as the server sees it
STEP=""     # what start is doing, for its error message

log() { echo "timescaledb.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  echo "usage: $0 start [--durable]|stop|status|url" >&2
  exit 2
}

# ---------------------------------------------------------------- modes

# The host's PostgreSQL bin dir if it has the timescaledb extension installed.
host_pg_bin() {
  local control version
  control=$(find /usr/share/postgresql/*/extension -maxdepth 1 -name timescaledb.control 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$control" ]] || return 1
  version=${control#/usr/share/postgresql/}
  version=${version%%/*}
  [[ -x "/usr/lib/postgresql/${version}/bin/postgres" ]] || return 1
  echo "/usr/lib/postgresql/${version}/bin"
}

set_mode() {
  MODE=$1
  if [[ "$MODE" == host ]]; then
    PREFIX=""
    PG_BIN=$(host_pg_bin)
  else
    PREFIX="$ROOT"
    PG_BIN="/usr/lib/postgresql/${CHROOT_PG_MAJOR}/bin"
  fi
}

# Prefer the host's own TimescaleDB: no root to build, no mounts.
detect_mode() {
  if host_pg_bin >/dev/null; then set_mode host; else set_mode chroot; fi
}

# Host path of a path as the server sees it.
host_path() { echo "${PREFIX}$1"; }

# uid:gid of postgres in the server's world; the chroot's ids need not match the host's.
pg_ids() {
  local ids
  ids=$(awk -F: '$1 == "postgres" { print $3 ":" $4 }' "$(host_path /etc/passwd)")
  [[ -n "$ids" ]] || die "no postgres user in $(host_path /etc/passwd)"
  echo "$ids"
}

# Run a command as postgres with a clean environment (initdb and pg_ctl refuse
# root). In host mode chroot to "/" is a no-op, which keeps one code path.
# fd 9 (the lock) is closed so the postmaster never inherits it: a running
# server holding the lock would make the next "stop" wait forever.
as_postgres() {
  chroot --userspec="$(pg_ids)" "${PREFIX:-/}" \
    env -i PATH="${PG_BIN}:/usr/bin:/bin" HOME=/var/lib/postgresql \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@" 9>&-
}

# psql against our server as the postgres superuser; stops at the first error.
psql_db() {
  local db=$1
  shift
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$db" "$@"
}

# ---------------------------------------------------------------- state

take_lock() {
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 9>"$LOCK_FILE"
  flock -w 900 9 || die "timed out waiting for $LOCK_FILE (another start/stop running?)"
}

# True if the postmaster of our data directory is alive.
our_server_running() {
  local pidfile pid
  pidfile=$(host_path "$DATA_DIR/postmaster.pid")
  [[ -r "$pidfile" ]] || return 1
  pid=$(head -n 1 "$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# Port of our running server (line 4 of postmaster.pid).
running_port() {
  sed -n 4p "$(host_path "$DATA_DIR/postmaster.pid")"
}

# True if anything at all accepts TCP connections on the port.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null
}

# True if a PostgreSQL server accepts connections on the port. Uses whatever
# pg_isready exists, so that "status" also works before the root is built.
is_ready() {
  if [[ -n "$MODE" && -x "$(host_path "$PG_BIN/pg_isready")" ]] && (( EUID == 0 )); then
    as_postgres pg_isready -q -h 127.0.0.1 -p "$PORT" -t 2
  elif command -v pg_isready >/dev/null; then
    pg_isready -q -h 127.0.0.1 -p "$PORT" -t 2
  else
    port_in_use
  fi
}

# Poll (the server may still be recovering or starting) until it accepts connections.
wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  until is_ready; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

# ---------------------------------------------------------------- the root

# Unmount everything below a directory, then delete it without ever crossing
# into another file system: a leftover bind mount of /dev must not be emptied.
remove_tree() {
  local dir=$1 target
  [[ -e "$dir" ]] || return 0
  awk -v prefix="$dir/" 'index($2, prefix) == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r target; do umount "$target" || umount -l "$target"; done
  rm -rf --one-file-system "$dir"
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return 0
  log "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists if the install fails with the current ones.
  apt-get install -y -qq debootstrap >&2 ||
    { apt-get update -qq >&2 && apt-get install -y -qq debootstrap >&2; }
}

# The Debian archive apt uses here: the first source of this release's own
# suite (not -security, not -updates), from deb822 *.sources files or the
# one-line sources.list format. Third-party repositories carry other suites.
apt_mirror() {
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [[ -n "$codename" ]] || return 1
  {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
      [[ -f "$f" ]] || continue
      # One stanza per paragraph: print its first URI when its suites hold the release's own.
      awk -v want="$codename" '
        function flush() { if (enabled && deb && suite_ok && uri != "") print uri; uri = ""; deb = 0; suite_ok = 0; enabled = 1 }
        BEGIN { enabled = 1 }
        /^[[:space:]]*$/ { flush(); next }
        /^[[:space:]]*#/ { next }
        tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
        tolower($1) == "uris:" { uri = $2 }
        tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == want) suite_ok = 1 }
        tolower($1) == "enabled:" { enabled = (tolower($2) != "no") }
        END { flush() }' "$f"
    done
    local list
    for list in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -f "$list" ]] || continue
      # deb [options] uri suite components...
      sed -E 's/\[[^]]*\]//' "$list" |
        awk -v want="$codename" '$1 == "deb" && $3 == want { print $2 }'
    done
  } | grep -E '^(https?|ftp)://' | head -n 1
}

# apt's HTTP proxy, if it has one and the environment names none.
apt_proxy() {
  local proxy=""
  command -v apt-config >/dev/null || return 0
  eval "$(apt-config shell proxy Acquire::http::Proxy)"
  [[ -n "$proxy" && "$proxy" != DIRECT ]] && echo "$proxy"
  return 0
}

mirror() {
  if [[ -n "${CAREGRID_DEBIAN_MIRROR:-}" ]]; then
    echo "$CAREGRID_DEBIAN_MIRROR"
  else
    apt_mirror || true
  fi
}

# Build the root into a temporary directory and rename it only when complete,
# so an interrupted build is never mistaken for a cached one.
build_root() {
  local tmp mirror proxy
  mirror=$(mirror)
  [[ -n "$mirror" ]] ||
    die "found no Debian mirror in apt's sources; set CAREGRID_DEBIAN_MIRROR (e.g. http://<mirror>/debian)"
  proxy=$(apt_proxy)
  if [[ -n "$proxy" && -z "${http_proxy:-}" ]]; then
    export http_proxy="$proxy"
  fi
  ensure_debootstrap
  mkdir -p "$(dirname "$ROOT")"
  for tmp in "${ROOT}".partial.*; do remove_tree "$tmp"; done  # earlier interrupted builds
  tmp=$(mktemp -d "${ROOT}.partial.XXXXXX")
  log "building Debian ${SUITE} root with PostgreSQL ${CHROOT_PG_MAJOR} + TimescaleDB from ${mirror} (once; log: ${BUILD_LOG})"
  if ! debootstrap --variant=minbase \
      --include="postgresql-${CHROOT_PG_MAJOR},postgresql-${CHROOT_PG_MAJOR}-timescaledb" \
      "$SUITE" "$tmp" "$mirror" >"$BUILD_LOG" 2>&1; then
    tail -n 30 "$BUILD_LOG" >&2
    remove_tree "$tmp"
    die "debootstrap failed; full log in ${BUILD_LOG}"
  fi
  chmod 755 "$tmp"  # mktemp made it 0700; postgres must be able to traverse "/"
  mv -T "$tmp" "$ROOT"
}

ensure_root() {
  [[ -d "$ROOT" ]] || build_root
  [[ -x "$ROOT${PG_BIN}/postgres" ]] ||
    die "$ROOT exists but holds no PostgreSQL ${CHROOT_PG_MAJOR}; remove it to rebuild"
}

mount_chroot_fs() {
  local m
  for m in "${CHROOT_MOUNTS[@]}"; do
    mountpoint -q "$ROOT/$m" && continue
    mkdir -p "$ROOT/$m"
    mount --bind "/$m" "$ROOT/$m"
    # Private, so mounts made under our /dev copy never propagate to the host's.
    mount --make-private "$ROOT/$m"
  done
}

unmount_chroot_fs() {
  local i m
  for ((i = ${#CHROOT_MOUNTS[@]} - 1; i >= 0; i--)); do
    m="$ROOT/${CHROOT_MOUNTS[i]}"
    mountpoint -q "$m" || continue
    umount "$m" || { log "$m busy, detaching it lazily"; umount -l "$m"; }
  done
}

# ---------------------------------------------------------------- the server

# Settings for a throwaway test server: durability off for speed (on with
# --durable, so that benchmarks pay for every commit's WAL flush as production
# does), everything else close to production defaults so tests see realistic
# behaviour.
write_config() {
  cat >>"$(host_path "$DATA_DIR/postgresql.conf")" <<EOF

# --- added by scripts/timescaledb.sh (test server) ---
listen_addresses = '127.0.0.1'
port = ${PORT}
unix_socket_directories = '${BASE_DIR}'
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
max_connections = 200
max_locks_per_transaction = 256
max_worker_processes = 16
timezone = 'UTC'
fsync = ${DURABILITY}
synchronous_commit = ${DURABILITY}
full_page_writes = ${DURABILITY}
EOF
  if [[ "$DURABILITY" == on ]]; then
    cat "$PRODUCTION_CONFIG" >>"$(host_path "$DATA_DIR/postgresql.conf")"
  fi
}

# A fresh data directory each start: tests want a clean server.
init_cluster() {
  local ids base logfile
  ids=$(pg_ids)
  base=$(host_path "$BASE_DIR")
  logfile=$(host_path "$LOG_FILE")
  remove_tree "$base"
  install -d -m 700 -o "${ids%:*}" -g "${ids#*:}" "$base"
  install -m 640 -o "${ids%:*}" -g "${ids#*:}" /dev/null "$logfile"
  # Trust auth: the server only listens on 127.0.0.1 and a local socket.
  as_postgres initdb -D "$DATA_DIR" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-instructions >>"$logfile" 2>&1
  write_config
}

# pg_ctl -w notices at once if the postmaster dies; then we poll over TCP,
# the way the tests will connect.
start_server() {
  as_postgres pg_ctl -D "$DATA_DIR" -l "$LOG_FILE" -w -t "$READY_TIMEOUT" start \
    >>"$(host_path "$LOG_FILE")" 2>&1
  wait_ready || die "the server did not accept connections within ${READY_TIMEOUT}s"
}

# An empty caregrid database for the tests, and proof in a throwaway
# database that the extension really loads.
create_databases() {
  {
    psql_db postgres -c "CREATE DATABASE caregrid OWNER postgres"
    psql_db postgres -c "CREATE DATABASE tsdb_check"
    psql_db tsdb_check -c "CREATE EXTENSION IF NOT EXISTS timescaledb"
    # FORCE: TimescaleDB's background scheduler may still be connected to it.
    psql_db postgres -c "DROP DATABASE tsdb_check WITH (FORCE)"
  } >>"$(host_path "$LOG_FILE")" 2>&1
}

print_ready() {
  local version
  version=$(psql_db postgres -At -c \
    "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'")
  [[ -n "$version" ]] || return 1
  echo "TimescaleDB ${version} ready on 127.0.0.1:${PORT} (fsync and synchronous commit ${DURABILITY})"
}

# Stop the server of the current mode if it runs; fast first, immediate if stuck.
stop_server() {
  our_server_running || return 0
  as_postgres pg_ctl -D "$DATA_DIR" -m fast -w -t 60 stop >/dev/null 2>&1 ||
    as_postgres pg_ctl -D "$DATA_DIR" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
    die "could not stop the server in $(host_path "$DATA_DIR")"
}

# EXIT trap while starting: on failure leave nothing running or mounted,
# and show why it failed.
on_start_exit() {
  local status=$1 logfile
  (( status == 0 )) && return 0
  logfile=$(host_path "$LOG_FILE")
  log "start failed while ${STEP}; last lines of ${logfile}:"
  tail -n 30 "$logfile" >&2 || true
  stop_server || true
  if [[ "$MODE" == chroot ]]; then unmount_chroot_fs || true; fi
  exit "$status"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  local running_fsync
  (( EUID == 0 )) || die "start must run as root (it uses chroot and mount)"
  take_lock
  detect_mode
  if our_server_running; then  # idempotent: keep the running server as it is
    [[ "$(running_port)" == "$PORT" ]] ||
      die "our server already runs on port $(running_port); stop it before starting on ${PORT}"
    wait_ready || die "our server runs but does not accept connections; try stop, then start"
    running_fsync=$(psql_db postgres -At -c 'SHOW fsync')
    [[ "$running_fsync" == "$DURABILITY" ]] ||
      die "our server runs with fsync ${running_fsync}; stop it, then start with the durability wanted"
    print_ready
    return
  fi
  port_in_use && die "port ${PORT} on 127.0.0.1 is already in use by another process"
  if [[ "$MODE" == chroot ]]; then ensure_root; fi

  STEP="preparing"
  trap 'on_start_exit $?' EXIT
  if [[ "$MODE" == chroot ]]; then mount_chroot_fs; fi
  STEP="creating the cluster (initdb)"
  init_cluster
  STEP="starting the server"
  start_server
  STEP="creating the databases and the timescaledb extension"
  create_databases
  STEP="reading the TimescaleDB version"
  print_ready
  trap - EXIT
}

# Stop whatever we may have started, in either mode (the host may have gained
# or lost its own TimescaleDB since), then release the chroot mounts.
cmd_stop() {
  (( EUID == 0 )) || die "stop must run as root (it uses chroot and umount)"
  take_lock
  if host_pg_bin >/dev/null; then
    set_mode host
    stop_server
  fi
  if [[ -d "$ROOT" ]]; then
    set_mode chroot
    stop_server
    unmount_chroot_fs
  fi
}

cmd_status() {
  if host_pg_bin >/dev/null; then
    set_mode host
  elif [[ -d "$ROOT" ]]; then
    set_mode chroot
  fi
  is_ready
}

main() {
  case "$*" in
    start) cmd_start ;;
    "start --durable") DURABILITY="on"; cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "jdbc:postgresql://127.0.0.1:${PORT}/caregrid?user=postgres" ;;
    *) usage ;;
  esac
}

main "$@"
