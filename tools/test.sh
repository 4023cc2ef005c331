#!/usr/bin/env bash
# `npm test`: install, bring the infrastructure up, then lint, check contracts, type-check, build,
# and run unit, portal (components in a simulated DOM) and integration tests against real
# PostgreSQL, Redis and Kafka, then the portal's end-to-end tests in Debian's Chromium.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$(date +%s)

bash tools/ensure-installed.sh
bash deploy/local/infra.sh up

step() { echo; echo "=== $1"; }

step "format (prettier)"
npx --no-install prettier --check --log-level warn .

step "lint (eslint with Nx module boundaries)"
# The boundary rule needs the Nx project graph; compute it first (no daemon, no cloud).
NX_DAEMON=false NX_NO_CLOUD=true npx --no-install nx show projects >/dev/null
npx --no-install eslint --max-warnings=0 .

step "contracts (buf lint, generated code up to date)"
bash tools/contracts.sh check

step "type-check"
npx --no-install tsc -p tsconfig.json --noEmit

step "type-check (portal: vue-tsc for the Vue code, tsc for its build scripts)"
npx --no-install vue-tsc --noEmit -p apps/portal/tsconfig.json
npx --no-install tsc -p apps/portal/tsconfig.node.json
npx --no-install vue-tsc --noEmit -p apps/open-portal/tsconfig.json
npx --no-install tsc -p apps/open-portal/tsconfig.node.json

step "unit and integration tests"
export GOVDATA_TEST_INFRA=external # brought up above
npx --no-install vitest run --project unit --project portal --project open-portal --project integration --reporter=default --reporter=./tools/vitest-summary-reporter.ts

step "end-to-end tests (the portal in Debian's chromium)"
bash tools/ensure-browser.sh
npx --no-install vitest run --project e2e --reporter=default --reporter=./tools/vitest-summary-reporter.ts

echo
echo "npm test finished in $(( $(date +%s) - started )) s"
