#!/usr/bin/env bash
# The portal's API types: each service's OpenAPI document (exported without running the service, by
# apps/portal/api-export) → TypeScript in apps/portal/src/api/generated (openapi-typescript).
#   generate  build the exporter, regenerate the TypeScript
#   check     fail if the committed TypeScript is not what the documents generate
# Needs the Node build (tsc -p tsconfig.build.json), which `generate` runs and `npm test` has run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GENERATED=apps/portal/src/api/generated
cd "$ROOT"

# Writes the generated TypeScript for every document into $1.
render() {
  local out="$1" documents
  documents="$(mktemp -d)"
  node --enable-source-maps --import ./tools/register.mjs dist/apps/portal/api-export/src/main.js "$documents" >/dev/null
  mkdir -p "$out"
  for document in "$documents"/*.openapi.json; do
    local service
    service="$(basename "$document" .openapi.json)"
    npx --no-install openapi-typescript "$document" --output "$out/$service.ts" --alphabetize --silent
  done
  rm -rf "$documents"
  npx --no-install prettier --write --log-level warn "$out"
}

case "${1:-}" in
  generate)
    npx --no-install tsc -p tsconfig.build.json
    rm -rf "$GENERATED"
    render "$GENERATED"
    echo "portal-api: generated $GENERATED"
    ;;
  check)
    tmp="$(mktemp -d "$ROOT/.portal-api.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    render "$tmp"
    if ! differences="$(diff -rq "$GENERATED" "$tmp" 2>&1)"; then
      echo "portal API types are stale: run npm run contracts:generate" >&2
      echo "$differences" | sed -E -e "s|$tmp|(fresh)|g" >&2
      exit 1
    fi
    echo "portal-api: $GENERATED is up to date"
    ;;
  *)
    echo "usage: $0 generate|check" >&2
    exit 2
    ;;
esac
