#!/usr/bin/env bash
# Validate docker-compose.yml without a Docker engine.
#
#   scripts/validate-compose.sh            # validate (installs a validator on first use)
#
# Validator, first that works:
#   1. `docker compose` (the real CLI plugin), or a Compose v2 `docker-compose` on PATH;
#   2. .tools/bin/docker-compose, Compose v2 built from source at a pinned tag (same code as the
#      plugin: `docker-compose config` == `docker compose config`). Built here with Go on first
#      use (~2.5 min cold; `go install ...@tag` is refused because compose's go.mod has exclude
#      directives, so the module is downloaded and built in place) and linked as the docker CLI
#      plugin ~/.docker/cli-plugins/docker-compose when that slot is free.
# Compose v1 (Debian's or PyPI's docker-compose 1.29) is deliberately not used: its schema rejects
# valid current files (e.g. the top-level `name:`), so it would report false failures.
#
# Checks:
#   a. `config -q` with deploy/.env.example and every profile enabled. The example file only holds
#      PLACEHOLDER values (e.g. OPENAI_API_KEY=change-me) so the required ${VAR:?} variables
#      resolve; nothing is started and no value is used anywhere else.
#   b. Without any env file the config must FAIL on the required variables (the guards work).
#   c. On the rendered config: cloud API keys only in cloud-worker; control-worker and
#      local-worker attached only to `internal: true` networks (no egress).
#   d. deploy/temporal/search-attributes.txt matches temporal/search-attributes.ts.
#   e. One Temporal version everywhere: temporalio/server and admin-tools carry the version
#      scripts/setup-production-server.sh builds, which is the server the tests' Temporal CLI embeds
#      (and the UI image is the CLI's UI) when the CLI is installed; postgres is the major version
#      of the loopback cluster `npm run test:production` ran on, when one exists.
# Prints PASS or FAIL; exit status 0 only on PASS.
set -euo pipefail

COMPOSE_VERSION=v2.40.3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS_BIN="$ROOT/.tools/bin"
COMPOSE_FILE="$ROOT/docker-compose.yml"
ENV_EXAMPLE="$ROOT/deploy/.env.example"

say() { printf 'validate-compose: %s\n' "$*"; }
fail() { say "$*"; echo "FAIL"; exit 1; }

# ---------------------------------------------------------------- find or install a validator
COMPOSE=()
COMPOSE_KIND=

use_v2() { # $@: command; accepts it if it reports a Compose v2 version
  local version
  version=$("$@" version --short 2>/dev/null) || return 1
  case "$version" in v2.*|2.*|v5.*|5.*) COMPOSE=("$@"); COMPOSE_KIND="compose $version ($*)"; return 0 ;; esac
  return 1
}

build_compose_v2() {
  command -v go >/dev/null || { say "go not found; cannot build Compose $COMPOSE_VERSION"; return 1; }
  local started dir
  started=$(date +%s)
  say "building Docker Compose $COMPOSE_VERSION from source into .tools/bin (one-time, a few minutes)"
  mkdir -p "$TOOLS_BIN"
  local log="$TOOLS_BIN/docker-compose.build.log"
  dir=$(go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" 2>"$log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n "$dir" && -d "$dir" ]] || { tail -n 20 "$log"; say "go mod download of compose $COMPOSE_VERSION failed"; return 1; }
  if ! (cd "$dir" && timeout 900 go build -trimpath \
      -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
      -o "$TOOLS_BIN/docker-compose.tmp" ./cmd) >>"$log" 2>&1; then
    rm -f "$TOOLS_BIN/docker-compose.tmp"; tail -n 20 "$log"; say "build failed (log: $log)"; return 1
  fi
  mv "$TOOLS_BIN/docker-compose.tmp" "$TOOLS_BIN/docker-compose"
  say "built in $(( $(date +%s) - started ))s: $("$TOOLS_BIN/docker-compose" version)"
  # Make `docker compose` work too, unless the slot is already taken by something that works.
  local plugin="$HOME/.docker/cli-plugins/docker-compose"
  if [[ ! -x "$plugin" ]]; then
    mkdir -p "$(dirname "$plugin")" && ln -sfn "$TOOLS_BIN/docker-compose" "$plugin" \
      && say "linked as docker CLI plugin: $plugin"
  fi
}

if command -v docker >/dev/null && use_v2 docker compose; then :
elif [[ -x "$TOOLS_BIN/docker-compose" ]] && use_v2 "$TOOLS_BIN/docker-compose" \
     && [[ "$COMPOSE_KIND" == "compose ${COMPOSE_VERSION#v} "* ]]; then :
elif command -v docker-compose >/dev/null && use_v2 docker-compose; then :
elif build_compose_v2 && use_v2 "$TOOLS_BIN/docker-compose"; then :
else
  fail "no Compose v2 available: no docker compose plugin, no docker-compose v2 on PATH, and the Go build failed"
fi
say "validator: $COMPOSE_KIND"

# ---------------------------------------------------------------- a. config -q with placeholders
profiles=()
for p in $(sed -n 's/^[[:space:]]*profiles:[[:space:]]*\[\(.*\)\].*/\1/p' "$COMPOSE_FILE" | tr ',' ' '); do
  profiles+=(--profile "$p")
done
compose() { "${COMPOSE[@]}" -f "$COMPOSE_FILE" --project-directory "$ROOT" "$@"; }
# Secrets deploy/.env.example leaves empty on purpose (`NAME=`: the operator must make them, and
# compose's ${NAME:?} refuses an empty one) get a placeholder for rendering here only.
placeholders=()
while IFS= read -r name; do placeholders+=("$name=validate-compose-placeholder"); done \
  < <(sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=[[:space:]]*$/\1/p' "$ENV_EXAMPLE")
with_example() { env "${placeholders[@]}" "${COMPOSE[@]}" -f "$COMPOSE_FILE" --project-directory "$ROOT" --env-file "$ENV_EXAMPLE" "$@"; }

say "a. ${COMPOSE[*]} --env-file deploy/.env.example ${profiles[*]} config -q   (placeholder values from deploy/.env.example)"
[[ ${#placeholders[@]} -eq 0 ]] || say "   placeholders for the secrets deploy/.env.example leaves empty: ${placeholders[*]%%=*}"
if ! out=$(with_example "${profiles[@]}" config -q 2>&1); then
  printf '%s\n' "$out"
  fail "docker-compose.yml is not valid"
fi
[[ -z "$out" ]] || printf '%s\n' "$out"   # warnings, if any

# ---------------------------------------------------------------- b. required variables guarded
say "b. without an env file, config must refuse to render (required variables)"
if out=$(env -u POSTGRES_PASSWORD -u OPENAI_API_KEY "${COMPOSE[@]}" -f "$COMPOSE_FILE" --project-directory "$ROOT" \
          --env-file /dev/null "${profiles[@]}" config -q 2>&1); then
  fail "config rendered without POSTGRES_PASSWORD/OPENAI_API_KEY; the \${VAR:?} guards are missing"
fi
say "   refused as expected: $(printf '%s' "$out" | tail -n 1)"

# ---------------------------------------------------------------- c, d. structure
  say "c. cloud keys only in cloud-worker; control/local workers without egress"
  say "d. deploy/temporal/search-attributes.txt matches temporal/search-attributes.ts"
  say "e. Temporal images = scripts/setup-production-server.sh's server = the Temporal CLI's; postgres = the tested major; f. payload keys in every Switchyard process"
  command -v node >/dev/null || fail "node not found (needed for checks c, d, e)"
  temporal_cli=${SWITCHYARD_TEMPORAL_CLI:-$(command -v temporal || echo "$TOOLS_BIN/temporal")}
  cli_version=$("$temporal_cli" --version 2>/dev/null || true)   # "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)"
  with_example "${profiles[@]}" config --format json \
    | ROOT="$ROOT" CLI_VERSION="$cli_version" node --input-type=module -e '
import { existsSync, readFileSync } from "node:fs";
const config = JSON.parse(readFileSync(0, "utf8"));
const root = process.env.ROOT;
const problems = [];

// c. Cloud keys: any *_API_KEY variable, plus every apiKeyEnv a policy names.
const keyNames = new Set();
for (const file of ["policies/default.yaml"]) {
  for (const m of readFileSync(`${root}/${file}`, "utf8").matchAll(/apiKeyEnv:\s*([A-Za-z_][A-Za-z0-9_]*)/g)) keyNames.add(m[1]);
}
const isKey = (name) => /API_KEY$/.test(name) || keyNames.has(name);
for (const [name, service] of Object.entries(config.services)) {
  const env = Object.keys(service.environment ?? {});
  const keys = env.filter(isKey);
  if (name !== "cloud-worker" && keys.length) problems.push(`${name} has cloud key variable(s) ${keys.join(", ")}`);
  if (name === "cloud-worker" && !keys.length) problems.push("cloud-worker has no cloud key variable");
}
const internal = new Set(Object.entries(config.networks ?? {}).filter(([, n]) => n.internal).map(([k]) => k));
for (const name of ["control-worker", "local-worker"]) {
  const nets = Object.keys(config.services[name]?.networks ?? { default: null });
  const egress = nets.filter((n) => !internal.has(n));
  if (!config.services[name]) problems.push(`service ${name} missing`);
  else if (egress.length) problems.push(`${name} is on network(s) with egress: ${egress.join(", ")}`);
}

// d. Search attributes: setup list vs the code.
const TYPE = { KEYWORD: "Keyword", BOOL: "Bool", DOUBLE: "Double", FLOAT: "Double", INT: "Int", TEXT: "Text", DATETIME: "Datetime", KEYWORD_LIST: "KeywordList" };
const code = new Map([...readFileSync(`${root}/temporal/search-attributes.ts`, "utf8")
  .matchAll(/defineSearchAttributeKey\(\s*["\x27](\w+)["\x27]\s*,\s*SearchAttributeType\.(\w+)\s*\)/g)]
  .map((m) => [m[1], TYPE[m[2]] ?? m[2]]));
const setup = new Map(readFileSync(`${root}/deploy/temporal/search-attributes.txt`, "utf8").split("\n")
  .map((l) => l.trim()).filter((l) => l && !l.startsWith("#")).map((l) => l.split(/\s+/)));
if (code.size === 0) problems.push("no search attributes found in temporal/search-attributes.ts");
for (const [n, t] of code) if (setup.get(n) !== t) problems.push(`search attribute ${n} ${t}: ${setup.has(n) ? `registered as ${setup.get(n)}` : "not registered"} by temporal-setup`);
for (const [n, t] of setup) if (!code.has(n)) problems.push(`temporal-setup registers ${n} ${t}, which the code does not define`);
const keywords = [...setup.values()].filter((t) => t === "Keyword").length;
if (keywords > 10) problems.push(`${keywords} Keyword search attributes; SQL visibility allows 10 per namespace`);

// e. Versions.
const pinned = readFileSync(`${root}/scripts/setup-production-server.sh`, "utf8").match(/^TEMPORAL_SERVER_VERSION=v?([0-9.]+)$/m)?.[1];
if (!pinned) problems.push("no TEMPORAL_SERVER_VERSION in scripts/setup-production-server.sh");
const image = (name) => config.services[name]?.image ?? "";
for (const [service, repo] of [["temporal", "temporalio/server"], ["temporal-schema", "temporalio/admin-tools"], ["temporal-setup", "temporalio/admin-tools"]]) {
  if (image(service) !== `${repo}:${pinned}`) problems.push(`${service} runs ${image(service)}; the tests run server ${pinned} (scripts/setup-production-server.sh): use ${repo}:${pinned}`);
}
const cli = process.env.CLI_VERSION.match(/Server ([0-9.]+), UI ([0-9.]+)/);
if (cli && cli[1] !== pinned) problems.push(`the Temporal CLI embeds server ${cli[1]}, scripts/setup-production-server.sh builds ${pinned}`);
if (cli && image("temporal-ui") !== `temporalio/ui:${cli[2]}`) problems.push(`temporal-ui runs ${image("temporal-ui")}; the Temporal CLI embeds UI ${cli[2]}`);
const pgVersionFile = `${root}/.data/production-server/postgresql/PG_VERSION`;
const testedPg = existsSync(pgVersionFile) ? readFileSync(pgVersionFile, "utf8").trim() : undefined;
const composePg = image("postgresql").match(/^postgres:(\d+)/)?.[1];
if (testedPg && composePg !== testedPg) problems.push(`postgresql runs ${image("postgresql")}; npm run test:production ran on PostgreSQL ${testedPg}`);

// f. Custody: every Switchyard process (built from deploy/Dockerfile) reads the payload keys, so
// nothing it writes to Temporal is in clear; nothing else holds them.
for (const [name, service] of Object.entries(config.services)) {
  const switchyard = service.build?.dockerfile?.endsWith("deploy/Dockerfile");
  const hasKeys = Boolean(service.environment?.SWITCHYARD_PAYLOAD_KEY_FILE) && (service.secrets ?? []).some((secret) => (secret.source ?? secret) === "payload-keys");
  if (switchyard && !hasKeys) problems.push(`${name} talks to Temporal without the payload-keys secret and SWITCHYARD_PAYLOAD_KEY_FILE: it would fail to start (no clear-text history)`);
  if (!switchyard && (service.secrets ?? []).length) problems.push(`${name} is not a Switchyard process but mounts secrets`);
}

if (problems.length) { for (const p of problems) console.log(`validate-compose:    - ${p}`); process.exit(1); }
console.log(`validate-compose:    ok (${Object.keys(config.services).length} services; ${setup.size} search attributes, ${keywords}/10 Keyword; Temporal ${pinned}${cli ? `, UI ${cli[2]}` : " (no Temporal CLI to compare)"}; ${image("postgresql")}${testedPg ? ` = tested PostgreSQL ${testedPg}` : ""})`);
' || fail "structural checks failed"

echo "PASS"
