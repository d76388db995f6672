#!/usr/bin/env bash
# `npm run setup:production-server`: the production Temporal stack of docker-compose.yml, run on this
# machine without containers, every port on 127.0.0.1 — so the test suite and the benchmark can run
# against the store users deploy (PostgreSQL + SQL visibility) and not only the dev server's SQLite.
#
#   npm run setup:production-server              # start (idempotent: reuses what is running)
#   npm run setup:production-server -- --stop    # stop the Temporal server and PostgreSQL it started
#   npm run setup:production-server -- --status  # what runs, where
#   npm run setup:production-server -- --reset   # stop, then delete the data folder (fresh databases)
#   scripts/setup-production-server.sh --running  # exit 0 when the server is SERVING (for scripts)
#   scripts/setup-production-server.sh --cached   # exit 0 when nothing needs building or installing
#
# Steps, each skipped when already done:
#   1. PostgreSQL from Debian (`apt-get install postgresql`) when no pg_ctl is found.
#   2. A cluster in .data/production-server/postgresql on 127.0.0.1:$SWITCHYARD_PG_PORT (45432), TCP
#      only, superuser `temporal` with a random password kept in .data/production-server/pg-password
#      (the compose file's postgres image makes the same kind of role). Run as the `postgres` user
#      when this script runs as root: PostgreSQL refuses to run as root.
#   3. The Temporal server and temporal-sql-tool, pinned to the server version the Temporal CLI of
#      the tests embeds, built with `go install` into .tools/temporal-server/<version>/ with the
#      schema folder from the same module (first run only: 5 to 8 minutes on 2 cores).
#   4. deploy/temporal/setup-schema.sh (the compose file's schema job) creates or upgrades the schemas.
#   5. temporal-server with deploy/temporal/production-loopback.yaml, frontend on
#      127.0.0.1:$SWITCHYARD_PRODUCTION_PORT (27233); waits for SERVING.
#   6. deploy/temporal/setup-namespace.sh (the compose file's namespace job): namespace `default`,
#      retention, every search attribute in deploy/temporal/search-attributes.txt.
# Prints the frontend address last and writes it to .data/production-server/address.
set -euo pipefail

# Same server as the tests' dev server: Temporal CLI 1.9.1 embeds server 1.32.0 (temporal/temporal-cli.ts).
# docker-compose.yml pins temporalio/server and admin-tools to the same version (checked by
# scripts/validate-compose.sh).
TEMPORAL_SERVER_VERSION=v1.32.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${SWITCHYARD_PRODUCTION_DATA:-$root/.data/production-server}"
server_dir="$root/.tools/temporal-server/$TEMPORAL_SERVER_VERSION"
pgdata="$data/postgresql"
port="${SWITCHYARD_PRODUCTION_PORT:-$(cat "$data/port" 2>/dev/null || echo 27233)}"   # chosen below on a first run
address="127.0.0.1:$port"
pid_file="$data/temporal.pid"
started=$(date +%s)

say() { printf 'setup:production-server: %s\n' "$*"; }
die() { printf 'setup:production-server: FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - started ))s"; }

# Ports: $SWITCHYARD_PG_PORT / $SWITCHYARD_PRODUCTION_PORT, else the ones the first run chose and
# wrote into the data folder, else the defaults (45432, 27233) when free, else free ones nearby: on a
# shared machine a fixed port may be taken by someone's dev server. Temporal's ports stay below
# 32768: PostgreSQL keeps membership ports in a smallint column (see the loopback config).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_free() { local p; for p in "$@"; do port_free "$p" || return 1; done; }
# $1: file remembering the choice, $2: environment value, $3: default, $4...: offsets that must be free too.
choose_port() {
  local file=$1 from_env=$2 base=$3; shift 3
  if [[ -n "$from_env" ]]; then echo "$from_env"; return; fi
  if [[ -s "$file" ]]; then cat "$file"; return; fi
  local candidate offsets=("$@") ports
  for candidate in "$base" $(shuf -i 20000-29999 -n 20); do
    ports=(); for o in "${offsets[@]}"; do ports+=($((candidate + o))); done
    if all_free "${ports[@]}"; then mkdir -p "$(dirname "$file")"; echo "$candidate" >"$file"; echo "$candidate"; return; fi
  done
  die "no free port found near $base"
}

# PostgreSQL refuses to run as root; Debian's package creates the `postgres` user for it.
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

find_pg_bin() {
  if command -v pg_ctl >/dev/null; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  # Debian keeps the server binaries off PATH, one folder per major version; take the newest.
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$newest" && -x "$newest/pg_ctl" ]] && echo "$newest"
}

# The pid in the pid file, if that process is still our temporal-server.
server_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid=$(cat "$pid_file")
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "temporal-server" || return 1
  echo "$pid"
}

temporal_cli() {
  if [[ -n "${SWITCHYARD_TEMPORAL_CLI:-}" ]]; then echo "$SWITCHYARD_TEMPORAL_CLI"
  elif command -v temporal >/dev/null; then command -v temporal
  else echo "$root/.tools/bin/temporal"; fi
}

serving() { [[ -x "$(temporal_cli)" ]] && "$(temporal_cli)" operator cluster health --address "$address" 2>/dev/null | grep -q SERVING; }

stop_all() {
  local pid
  if pid=$(server_pid); then
    say "stopping temporal-server (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 200); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
    if [[ -d "/proc/$pid" ]]; then say "temporal-server still running after 20s; SIGKILL"; kill -KILL "$pid"; fi
  fi
  rm -f "$pid_file"
  local pg_bin
  pg_bin=$(find_pg_bin || true)
  if [[ -n "$pg_bin" && -f "$pgdata/PG_VERSION" ]] && as_pg "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    say "stopping PostgreSQL ($pgdata)"
    as_pg "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
  fi
  say "stopped"
}

case "${1:-}" in
  --stop) stop_all; exit 0 ;;
  --reset) stop_all; rm -rf "$data"; say "deleted $data"; exit 0 ;;
  --status)
    if pid=$(server_pid); then say "temporal-server pid $pid, $(serving && echo SERVING || echo 'not serving') at $address"; else say "temporal-server not running"; fi
    pg_bin=$(find_pg_bin || true)
    if [[ -n "$pg_bin" && -f "$pgdata/PG_VERSION" ]]; then as_pg "$pg_bin/pg_ctl" -D "$pgdata" status | head -n 1 | sed 's/^/setup:production-server: PostgreSQL: /'; else say "no PostgreSQL cluster in $pgdata"; fi
    exit 0 ;;
  --running) server_pid >/dev/null && serving; exit ;;
  --cached) [[ -x "$server_dir/temporal-server" && -x "$server_dir/temporal-sql-tool" && -d "$server_dir/schema/postgresql/v12" && -n "$(find_pg_bin)" ]]; exit ;;
  "") ;;
  *) die "unknown option $1 (use --stop, --status, --reset, --running or --cached)" ;;
esac

mkdir -p "$data"
# A running cluster of ours keeps its port (postmaster.pid's fourth line).
if [[ -z "${SWITCHYARD_PG_PORT:-}" && ! -s "$data/pg-port" && -s "$pgdata/postmaster.pid" ]]; then sed -n 4p "$pgdata/postmaster.pid" >"$data/pg-port"; fi
pg_port=$(choose_port "$data/pg-port" "${SWITCHYARD_PG_PORT:-}" 45432 0)
# Frontend, history, matching, worker, frontend HTTP and their membership ports (see the config).
if [[ -s "$data/port" ]] && (( $(cat "$data/port") + 10 > 32767 )); then rm -f "$data/port"; fi   # chosen by an older version
port=$(choose_port "$data/port" "${SWITCHYARD_PRODUCTION_PORT:-}" 27233 0 1 2 6 10 -300 -299 -298 -294)
address="127.0.0.1:$port"

# ---------------------------------------------------------------- 1. PostgreSQL installed
pg_bin=$(find_pg_bin || true)
if [[ -z "$pg_bin" ]]; then
  say "installing PostgreSQL from Debian (apt-get install postgresql)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(find_pg_bin) || die "apt-get installed postgresql but no pg_ctl was found"
fi
pg_version=$("$pg_bin/postgres" --version | awk '{print $3}')

# ---------------------------------------------------------------- 2. cluster on loopback
if [[ ! -s "$data/pg-password" ]]; then
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$data/pg-password")
fi
pg_password=$(cat "$data/pg-password")
if [[ ! -f "$pgdata/PG_VERSION" ]]; then
  say "creating a PostgreSQL $pg_version cluster in $pgdata"
  rm -rf "$pgdata" && mkdir -p "$pgdata" && chmod 700 "$pgdata"
  # initdb reads the superuser password from a file, beside the (empty) data folder it requires.
  (umask 077 && printf '%s\n' "$pg_password" >"$data/.initdb-password")
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$pgdata" "$data/.initdb-password"; fi
  as_pg "$pg_bin/initdb" -D "$pgdata" -U temporal --pwfile="$data/.initdb-password" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 || { rm -f "$data/.initdb-password"; cat "$data/initdb.log" >&2; die "initdb failed"; }
  rm -f "$data/.initdb-password"
  # TCP on loopback only, no Unix socket (its default folder may not exist or be shared);
  # max_connections as in docker-compose.yml (one pool per Temporal service and store).
  cat >>"$pgdata/postgresql.conf" <<'EOF'

# Switchyard (scripts/setup-production-server.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 250
EOF
fi
if as_pg "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  say "PostgreSQL $pg_version already running ($pgdata)"
else
  say "starting PostgreSQL $pg_version on 127.0.0.1:$pg_port"
  as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -o "-p $pg_port" -w -t 60 start >/dev/null \
    || { tail -n 20 "$pgdata/server.log" >&2; die "PostgreSQL did not start (log: $pgdata/server.log)"; }
fi

# ---------------------------------------------------------------- 3. server + SQL tool, cached
if [[ ! -x "$server_dir/temporal-server" || ! -x "$server_dir/temporal-sql-tool" || ! -d "$server_dir/schema/postgresql/v12" ]]; then
  command -v go >/dev/null || die "the Temporal server $TEMPORAL_SERVER_VERSION is built with Go, and no go is on PATH"
  say "building the Temporal server $TEMPORAL_SERVER_VERSION and temporal-sql-tool with go install (first run only; 5 to 8 minutes on 2 cores)"
  staging="$server_dir.partial"
  rm -rf "$staging" && mkdir -p "$staging/bin"
  log="$staging/build.log"
  # nice: the build takes both cores for minutes on a machine others share.
  GOBIN="$staging/bin" nice -n 10 go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; die "go install failed (log: $log)"; }
  module_dir=$(go mod download -json "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -d "$module_dir/schema/postgresql/v12" ]] || die "no schema/postgresql/v12 in the module ($module_dir)"
  mv "$staging/bin/server" "$staging/temporal-server"
  mv "$staging/bin/sql" "$staging/temporal-sql-tool"
  rmdir "$staging/bin"
  mkdir -p "$staging/schema" && cp -R "$module_dir/schema/postgresql" "$staging/schema/" && chmod -R u+w "$staging/schema"
  # Rename last, so an interrupted build never leaves a half-filled cache folder that looks complete.
  rm -rf "$server_dir" && mv "$staging" "$server_dir"
  say "built in $(elapsed)"
fi

# The Temporal CLI (setup-namespace.sh and the health check use it): the tests' own, via bootstrap.
node scripts/bootstrap.mjs
cli=$(temporal_cli)
[[ -x "$cli" ]] || die "no Temporal CLI at $cli"
# The deploy scripts call `temporal` and `temporal-sql-tool` by name, as in the admin-tools image.
shims="$data/bin"
mkdir -p "$shims"
ln -sfn "$cli" "$shims/temporal"
ln -sfn "$server_dir/temporal-sql-tool" "$shims/temporal-sql-tool"
export PATH="$shims:$pg_bin:$PATH"

# ---------------------------------------------------------------- 4. schemas
SQL_PLUGIN=postgres12 SQL_HOST=127.0.0.1 SQL_PORT="$pg_port" SQL_USER=temporal SQL_PASSWORD="$pg_password" \
  TEMPORAL_SCHEMA_DIR="$server_dir/schema/postgresql/v12" \
  sh deploy/temporal/setup-schema.sh >"$data/setup-schema.log" 2>&1 \
  || { tail -n 20 "$data/setup-schema.log" >&2; die "schema setup failed (log: $data/setup-schema.log)"; }
say "schemas ready ($(grep -c '^temporal-schema: database' "$data/setup-schema.log") databases; log: $data/setup-schema.log)"

# ---------------------------------------------------------------- 5. server
# History shards are fixed when the databases are created; keep the first run's number.
if [[ ! -s "$data/history-shards" ]]; then echo "${SWITCHYARD_HISTORY_SHARDS:-4}" >"$data/history-shards"; fi
shards=$(cat "$data/history-shards")
if [[ -n "${SWITCHYARD_HISTORY_SHARDS:-}" && "$SWITCHYARD_HISTORY_SHARDS" != "$shards" ]]; then
  die "the databases were created with $shards history shards; run with --reset to start over with $SWITCHYARD_HISTORY_SHARDS"
fi
if pid=$(server_pid) && serving; then
  say "temporal-server already SERVING at $address (pid $pid)"
else
  if pid=$(server_pid); then say "temporal-server (pid $pid) is not SERVING; restarting it"; kill -TERM "$pid"; sleep 2; fi
  serving && die "something else answers at $address; set SWITCHYARD_PRODUCTION_PORT to a free port"
  say "starting temporal-server $TEMPORAL_SERVER_VERSION at $address ($shards history shards)"
  # setsid + nohup: the server outlives this script and npm; --stop ends it by the pid file.
  SWITCHYARD_PRODUCTION_PORT="$port" SWITCHYARD_PG_PORT="$pg_port" SWITCHYARD_PG_USER=temporal \
    SWITCHYARD_PG_PASSWORD="$pg_password" SWITCHYARD_HISTORY_SHARDS="$shards" \
    SWITCHYARD_DYNAMIC_CONFIG="$root/deploy/temporal/dynamicconfig/production-sql.yaml" \
    setsid nohup "$server_dir/temporal-server" --config-file "$root/deploy/temporal/production-loopback.yaml" \
    --allow-no-auth start </dev/null >>"$data/temporal.log" 2>&1 &
  echo $! >"$pid_file"
  for i in $(seq 1 240); do
    serving && break
    [[ -d "/proc/$(cat "$pid_file")" ]] || { tail -n 20 "$data/temporal.log" >&2; die "temporal-server exited (log: $data/temporal.log)"; }
    [[ $i -eq 240 ]] && { tail -n 20 "$data/temporal.log" >&2; die "temporal-server not SERVING at $address after 60s"; }
    sleep 0.25
  done
  say "temporal-server SERVING at $address (pid $(cat "$pid_file"), log: $data/temporal.log)"
fi

# ---------------------------------------------------------------- 6. namespace + search attributes
TEMPORAL_ADDRESS="$address" TEMPORAL_NAMESPACE=default SEARCH_ATTRIBUTES_FILE="$root/deploy/temporal/search-attributes.txt" \
  sh deploy/temporal/setup-namespace.sh >"$data/setup-namespace.log" 2>&1 \
  || { tail -n 20 "$data/setup-namespace.log" >&2; die "namespace setup failed (log: $data/setup-namespace.log)"; }
say "$(tail -n 1 "$data/setup-namespace.log" | sed 's/^temporal-setup: //')"

echo "$address" >"$data/address"
say "ready in $(elapsed): Temporal $TEMPORAL_SERVER_VERSION on PostgreSQL $pg_version at $address"
say "tests: npm run test:production   stop: npm run setup:production-server -- --stop"
