#!/bin/sh
# One-shot (temporalio/admin-tools): make the Switchyard namespace ready once the server is up.
#   1. wait until the frontend reports SERVING;
#   2. create the namespace if missing, then set its retention (the retention decides how long
#      closed runs — i.e. the audit trail — stay readable, so it is re-applied on every deploy);
#   3. register every search attribute in search-attributes.txt and verify names and types.
# Idempotent: re-creating an attribute with the same type is a no-op; a name registered with a
# different type is an error (the CLI refuses it), and so is a full type bucket.
# Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, SWITCHYARD_RETENTION, SEARCH_ATTRIBUTES_FILE.
set -eu

address=${TEMPORAL_ADDRESS:-temporal:7233}
namespace=${TEMPORAL_NAMESPACE:-default}
retention=${SWITCHYARD_RETENTION:-720h}
list_file=${SEARCH_ATTRIBUTES_FILE:-/switchyard/temporal/search-attributes.txt}
t() { temporal --address "$address" "$@"; }

echo "temporal-setup: waiting for ${address}"
attempt=0
until t operator cluster health 2>/dev/null | grep -q SERVING; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 90 ]; then echo "temporal-setup: FAILED: ${address} not SERVING after ~3 minutes" >&2; exit 1; fi
  sleep 2
done

if t operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  t operator namespace update --namespace "$namespace" --retention "$retention" >/dev/null
  echo "temporal-setup: namespace ${namespace} exists; retention set to ${retention}"
else
  echo "temporal-setup: creating namespace ${namespace} (retention ${retention})"
  t operator namespace create --namespace "$namespace" --retention "$retention" \
    || t operator namespace describe --namespace "$namespace" >/dev/null  # created concurrently
fi

# Register one attribute; leaves the CLI's output in $out. A namespace created a moment ago is
# "not found" until the server's namespace cache refreshes (~10s), so that error is retried.
register() {
  tries=0
  while :; do
    if out=$(t operator search-attribute create --namespace "$namespace" --name "$1" --type "$2" 2>&1); then return 0; fi
    case "$out" in *"not found"*) ;; *) return 1 ;; esac
    tries=$((tries + 1))
    if [ "$tries" -ge 15 ]; then return 1; fi
    sleep 2
  done
}

failed=0
# Lines "Name Type"; blank lines and #-comments skipped.
pairs=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$list_file" | awk '{print $1 "=" $2}')
for pair in $pairs; do
  name=${pair%%=*}
  type=${pair#*=}
  if register "$name" "$type"; then
    echo "temporal-setup: ${name} ${type}: ok"
  else
    case "$out" in
      *"already exists"*"different type"*) echo "temporal-setup: ${name}: registered with another type: ${out}" >&2; failed=1 ;;
      *"already exists"*) echo "temporal-setup: ${name} ${type}: already exists" ;;
      *) echo "temporal-setup: ${name} ${type}: FAILED: ${out}" >&2; failed=1 ;;
    esac
  fi
done

# Verify: every attribute present with the expected type.
listing=$(t operator search-attribute list --namespace "$namespace")
for pair in $pairs; do
  name=${pair%%=*}
  type=${pair#*=}
  if ! printf '%s\n' "$listing" | awk -v n="$name" -v ty="$type" '$1 == n && $2 == ty { found = 1 } END { exit !found }'; then
    echo "temporal-setup: ${name} is not registered as ${type}" >&2
    failed=1
  fi
done

# Attributes an older Switchyard registered keep their slots (SQL visibility has 10 Keyword, 3 of
# each other type); they are not removed here, since runs may still be filtered by them: say so.
stale=$(printf '%s\n' "$listing" | awk '$1 ~ /^Switchyard/ { print $1 }' | while read -r name; do
  case " $(printf '%s\n' $pairs | sed 's/=.*//' | tr '\n' ' ') " in *" $name "*) ;; *) printf '%s ' "$name" ;; esac
done)
if [ -n "$stale" ]; then
  echo "temporal-setup: note: registered but no longer in ${list_file}: ${stale}(they hold slots; free them with temporal operator search-attribute remove)"
fi

if [ "$failed" -ne 0 ]; then
  echo "temporal-setup: FAILED (workflows that upsert a missing attribute would stall; fix before starting workers)" >&2
  exit 1
fi
echo "temporal-setup: done ($(printf '%s\n' $pairs | wc -l | tr -d ' ') search attributes on ${namespace})"
