#!/bin/sh
# One-shot: create or upgrade Temporal's PostgreSQL schemas. Runs in the temporalio/admin-tools
# image (docker-compose.yml) and on a plain host (scripts/setup-production-server.sh), so it only
# assumes temporal-sql-tool on PATH plus either pg_isready (host) or nc (the image's busybox).
# Idempotent: create-database ignores an existing database, setup-schema -v 0.0 only creates the
# version tables when missing, update-schema applies just the migrations not yet applied — so the
# same job also upgrades the schema after a server image bump.
# Connection comes from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool).
# TEMPORAL_SCHEMA_DIR: the server's schema/postgresql/v12 folder (default: where admin-tools has it).
set -eu

schema_root=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}
[ -d "${schema_root}/temporal/versioned" ] || { echo "temporal-schema: FAILED: no schema under ${schema_root}" >&2; exit 1; }

# pg_isready where PostgreSQL's client is installed; admin-tools has no PostgreSQL client but
# busybox's nc. Either only says the port answers; temporal-sql-tool reports anything else.
if command -v pg_isready >/dev/null 2>&1; then
  reachable() { pg_isready -q -h "$SQL_HOST" -p "$SQL_PORT"; }
elif command -v nc >/dev/null 2>&1; then
  reachable() { nc -z "$SQL_HOST" "$SQL_PORT"; }
else
  echo "temporal-schema: FAILED: neither pg_isready nor nc is installed to wait for ${SQL_HOST}:${SQL_PORT}" >&2; exit 1
fi

echo "temporal-schema: waiting for ${SQL_HOST}:${SQL_PORT}"
attempt=0
until reachable; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then echo "temporal-schema: FAILED: ${SQL_HOST}:${SQL_PORT} not reachable" >&2; exit 1; fi
  sleep 2
done

for db in "${TEMPORAL_DB:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}:visibility"; do
  name=${db%%:*}
  kind=${db##*:}
  echo "temporal-schema: database ${name} (${kind})"
  temporal-sql-tool --db "$name" create-database
  temporal-sql-tool --db "$name" setup-schema -v 0.0
  temporal-sql-tool --db "$name" update-schema -d "${schema_root}/${kind}/versioned"
done
echo "temporal-schema: done"
