#!/usr/bin/env bash
# `npm run test:production [-- <vitest options>]`: every test that uses Temporal (the files
# scripts/temporal-test-files.mjs lists) against the production store: the PostgreSQL-backed
# Temporal server of scripts/setup-production-server.sh instead of the dev server on SQLite.
# Starts that server when it is not running (building it on first use) and then stops it again;
# a server that was already running is left running.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
setup="scripts/setup-production-server.sh"

# The review app's browser test is among them: same bootstrap as `npm test`.
node scripts/bootstrap.mjs --with-browser || exit 1
was_running=no
bash "$setup" --running && was_running=yes
bash "$setup" || exit 1
address=$(cat "${SWITCHYARD_PRODUCTION_DATA:-$root/.data/production-server}/address")

mapfile -t files < <(node scripts/temporal-test-files.mjs)
[[ ${#files[@]} -gt 0 ]] || { echo "test:production: no test files selected" >&2; exit 1; }
echo "test:production: ${#files[@]} test files against $address"
# Own JSON report, so the main suite's test-results/vitest.json (what .ci/run counts first) stays.
SWITCHYARD_TEST_TEMPORAL_ADDRESS="$address" npx vitest run --outputFile.json=test-results/vitest-production.json "${files[@]}" "$@"
status=$?

[[ $was_running == no ]] && bash "$setup" --stop
exit "$status"
