#!/bin/sh
# One-shot (temporalio/admin-tools): create or upgrade Temporal's PostgreSQL schemas.
# Idempotent: create-database ignores an existing database, setup-schema -v 0.0 only creates the
# version tables when missing, update-schema applies just the migrations not yet applied — so the
# same job also upgrades the schema after a server image bump.
# Connection comes from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool).
set -eu

schema_root=/etc/temporal/schema/postgresql/v12

echo "temporal-schema: waiting for ${SQL_HOST}:${SQL_PORT}"
attempt=0
until nc -z "$SQL_HOST" "$SQL_PORT"; do
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
