#!/usr/bin/env bash
# `npm start`: install what is missing, bring PostgreSQL, Redis and Kafka up, migrate and run the
# demo federation (national 100000, Jiangxi 360000, Nanchang 360100, a ministry) until Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash tools/ensure-installed.sh
bash deploy/local/infra.sh up
exec node --enable-source-maps --import ./tools/register.mjs dist/apps/cli/src/main.js demo start "$@"
