#!/usr/bin/env bash
# The gRPC contracts: proto/ (linted by buf) → TypeScript in libs/contracts/src/generated (ts-proto);
# and the portal's API types from the services' OpenAPI documents (tools/portal-api.sh).
#   generate  lint, then regenerate the TypeScript from scratch (both)
#   check     lint, then fail if the committed TypeScript is not what the protos and documents generate
#   lint      buf lint only
# Works from any directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GENERATED=libs/contracts/src/generated
BUF="$ROOT/node_modules/.bin/buf"
cd "$ROOT"

if [[ ! -x "$BUF" ]]; then
  echo "contracts: $BUF not found: run npm install" >&2
  exit 1
fi

lint() {
  "$BUF" lint
}

generate() {
  lint
  rm -rf "$GENERATED"
  "$BUF" generate
  echo "contracts: generated $GENERATED"
}

check() {
  lint
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # --output prefixes the template's `out`, so the fresh copy lands in $tmp/$GENERATED.
  "$BUF" generate --output "$tmp"
  local differences
  if [[ ! -d "$GENERATED" ]]; then
    differences="Only in $tmp/${GENERATED%/*}: ${GENERATED##*/}"
  else
    differences="$(diff -rq "$GENERATED" "$tmp/$GENERATED")" || true
  fi
  if [[ -n "$differences" ]]; then
    echo "generated contracts are stale: run npm run contracts:generate" >&2
    # Summarise per file, named relative to the repository rather than the temporary folder.
    sed -E \
      -e "s|^Files ([^ ]+) and .* differ$|  changed: \\1|" \
      -e "s|^Only in $tmp/([^:]+): (.*)$|  missing: \\1/\\2|" \
      -e "s|^Only in ([^:]+): (.*)$|  not generated: \\1/\\2|" \
      <<<"$differences" >&2
    exit 1
  fi
  echo "contracts: $GENERATED is up to date"
}

case "${1:-}" in
  generate)
    generate
    bash tools/portal-api.sh generate
    ;;
  check)
    check
    bash tools/portal-api.sh check
    ;;
  lint) lint ;;
  *)
    echo "usage: $0 generate|check|lint" >&2
    exit 2
    ;;
esac
