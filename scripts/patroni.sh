#!/usr/bin/env bash
# A PostgreSQL 15 primary with a synchronous standby, managed by Patroni with one etcd, all on
# loopback: for development and the failover test. Production settings: deploy/patroni/.
#
#   scripts/patroni.sh start    a fresh pair (removes the data of an earlier one); returns once
#                               the leader accepts writes and the standby is synchronous
#   scripts/patroni.sh stop     stop Patroni, PostgreSQL and etcd (idempotent)
#   scripts/patroni.sh rejoin n1|n2
#                               start a killed member's Patroni again; returns once it is the
#                               synchronous standby (rewound, or copied afresh from the primary)
#   scripts/patroni.sh status   each member's role and state; exit 0 if there is a leader
#   scripts/patroni.sh url      the multi-host JDBC URL CareGrid uses
#
# Environment (defaults in brackets):
#   CAREGRID_PATRONI_DIR        data, configuration, logs and pid files [/tmp/caregrid-patroni];
#                               PostgreSQL runs as postgres, which must be able to reach it
#   CAREGRID_PATRONI_PG_PORTS   the two members' PostgreSQL ports [5441,5442]
#   CAREGRID_PATRONI_API_PORTS  the two members' REST API ports [8011,8012]
#   CAREGRID_ETCD_PORTS         etcd's client and peer ports [23790,23800]
#   CAREGRID_PATRONI_READY_TIMEOUT  seconds to wait for a member to be ready [120]; a killed
#                               primary's crash recovery under heavy load can take longer
#
# Trust authentication on 127.0.0.1 only: this is not a production configuration.
set -euo pipefail

readonly DIR="${CAREGRID_PATRONI_DIR:-/tmp/caregrid-patroni}"
IFS=, read -r PG1 PG2 <<<"${CAREGRID_PATRONI_PG_PORTS:-5441,5442}"
IFS=, read -r API1 API2 <<<"${CAREGRID_PATRONI_API_PORTS:-8011,8012}"
IFS=, read -r ETCD_CLIENT ETCD_PEER <<<"${CAREGRID_ETCD_PORTS:-23790,23800}"
readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly READY_TIMEOUT="${CAREGRID_PATRONI_READY_TIMEOUT:-120}"

log() { echo "patroni.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  echo "usage: $0 start|stop|status|url" >&2
  exit 2
}

# PostgreSQL refuses to run as root; setpriv and env exec, so a daemon's recorded pid is its own.
AS_POSTGRES=(env -i PATH="/usr/bin:/bin" HOME="$DIR" LANG=C.UTF-8 LC_ALL=C.UTF-8)
if (( EUID == 0 )); then
  AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups "${AS_POSTGRES[@]}")
fi
readonly AS_POSTGRES
as_postgres() { "${AS_POSTGRES[@]}" "$@"; }

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# HTTP status of a member's REST endpoint (200 when the member has that role), 000 if down.
api() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1$2" || true; }

# Poll until "$@" succeeds, or give up after READY_TIMEOUT seconds naming what we waited for.
wait_for() {
  local what=$1 deadline=$((SECONDS + READY_TIMEOUT))
  shift
  until "$@"; do
    (( SECONDS < deadline )) || { tail -n 20 "$DIR"/*.log >&2 || true; die "no $what within ${READY_TIMEOUT}s"; }
    sleep 0.5
  done
}

running() {
  local pidfile=$1 pid
  [[ -r "$pidfile" ]] || return 1
  pid=$(head -n 1 "$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# Starts a daemon as postgres in its own session with its output in DIR/NAME.log and its pid in DIR/NAME.pid.
daemon() {
  local name=$1
  shift
  setsid "${AS_POSTGRES[@]}" "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

member_config() {
  local name=$1 pg=$2 api=$3
  cat <<EOF
scope: caregrid
name: $name
restapi: {listen: 127.0.0.1:$api, connect_address: 127.0.0.1:$api}
etcd3: {hosts: 127.0.0.1:$ETCD_CLIENT, protocol: http}
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 5
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters: {wal_level: replica, hot_standby: "on", max_wal_senders: 5, max_replication_slots: 5, wal_log_hints: "on", wal_keep_size: 2GB}
  initdb: [{encoding: UTF8}, {locale: C.UTF-8}, data-checksums]
  pg_hba: [host replication repl 127.0.0.1/32 trust, host all all 127.0.0.1/32 trust, local all all trust]
postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $DIR/$name
  bin_dir: $PG_BIN
  pgpass: $DIR/pgpass-$name
  authentication: {replication: {username: repl, password: x}, superuser: {username: postgres, password: x}}
  parameters: {unix_socket_directories: '$DIR', max_connections: 100}
EOF
}

cmd_stop() {
  local name
  for name in n1 n2; do
    if running "$DIR/$name.pid"; then kill -TERM "$(head -n 1 "$DIR/$name.pid")"; fi
  done
  # Patroni stops its PostgreSQL on TERM; one killed with -9 leaves it to us.
  for name in n1 n2; do
    wait_for "stop of Patroni $name" eval "! running '$DIR/$name.pid'"
    if running "$DIR/$name/postmaster.pid"; then
      as_postgres "$PG_BIN/pg_ctl" -D "$DIR/$name" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  if running "$DIR/etcd.pid"; then
    kill -TERM "$(head -n 1 "$DIR/etcd.pid")"
    wait_for "stop of etcd" eval "! running '$DIR/etcd.pid'"
  fi
}

cmd_start() {
  command -v patroni >/dev/null || die "patroni is not installed (apt-get install patroni)"
  command -v etcd >/dev/null || die "etcd is not installed (apt-get install etcd-server)"
  [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 is not installed in $PG_BIN"
  cmd_stop
  local port
  for port in "$PG1" "$PG2" "$API1" "$API2" "$ETCD_CLIENT" "$ETCD_PEER"; do
    accepts "$port" && die "port $port on 127.0.0.1 is already in use"
  done
  rm -rf --one-file-system "$DIR"
  install -d -m 700 "$DIR"
  if (( EUID == 0 )); then chown postgres:postgres "$DIR"; fi

  daemon etcd etcd --name e1 --data-dir "$DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "e1=http://127.0.0.1:$ETCD_PEER"
  wait_for "etcd on $ETCD_CLIENT" accepts "$ETCD_CLIENT"

  member_config n1 "$PG1" "$API1" | as_postgres tee "$DIR/n1.yml" >/dev/null
  member_config n2 "$PG2" "$API2" | as_postgres tee "$DIR/n2.yml" >/dev/null
  # The first member bootstraps alone, so it is the leader; the second then copies it.
  daemon n1 patroni "$DIR/n1.yml"
  wait_for "leader on $PG1" eval '[[ $(api "$API1" /primary) == 200 ]]'
  daemon n2 patroni "$DIR/n2.yml"
  wait_for "synchronous standby on $PG2" eval '[[ $(api "$API2" /sync) == 200 ]]'
  echo "Patroni pair ready: primary 127.0.0.1:$PG1, synchronous standby 127.0.0.1:$PG2"
}

cmd_rejoin() {
  local name=$1 api=$API1
  [[ "$name" == n1 || "$name" == n2 ]] || usage
  [[ "$name" == n2 ]] && api=$API2
  running "$DIR/$name.pid" && die "Patroni $name is running"
  # A postmaster that outlived its Patroni would keep the old timeline's port.
  if running "$DIR/$name/postmaster.pid"; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/$name" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  cat "$DIR/$name.log" >>"$DIR/$name.before-rejoin.log"
  daemon "$name" patroni "$DIR/$name.yml"
  wait_for "synchronous standby $name" eval '[[ $(api "$api" /sync) == 200 ]]'
  echo "Patroni $name is the synchronous standby again"
}

cmd_status() {
  local name api role leader=1
  for name in n1 n2; do
    api=$API1
    [[ "$name" == n2 ]] && api=$API2
    role=$(curl -s -m 2 "http://127.0.0.1:$api/patroni" | python3 -c \
      'import json,sys; d=json.load(sys.stdin); print(d.get("role","?"), d.get("state","?"), "sync" if d.get("sync_standby") else "")' \
      2>/dev/null || echo "down")
    echo "$name: $role"
    [[ $(api "$api" /primary) == 200 ]] && leader=0
  done
  return $leader
}

case "$*" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  "rejoin n1" | "rejoin n2") cmd_rejoin "$2" ;;
  url) echo "jdbc:postgresql://127.0.0.1:$PG1,127.0.0.1:$PG2/postgres?user=postgres&targetServerType=primary" ;;
  *) usage ;;
esac
