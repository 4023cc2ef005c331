#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lockfile, then builds
# (incremental tsc) when any source is newer than the last build, and the staff portal (vite, into
# dist/portal, which each gateway serves) and the open-data portal (into dist/open-portal, served on
# each gateway's open-portal port) when their sources or the lockfile are newer than their last
# build. Shared by `npm start` and `npm test`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm dependencies"
  # `npm install` from the lockfile, not `npm ci`: npm 11 writes lockfiles without the other
  # platforms' optional packages (@swc/core-*, @nx/nx-*, buf), and `npm ci` then refuses them
  # (npm/cli#8669). The lockfile still pins every version installed here.
  npm install --no-audit --no-fund --loglevel=error
fi

stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find apps libs proto tsconfig.base.json tsconfig.build.json -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
  echo "[setup] building (tsc)"
  npx --no-install tsc -p tsconfig.build.json
  touch "$stamp"
fi

portal_stamp=dist/portal/.build-stamp
if [ ! -f "$portal_stamp" ] || [ -n "$(find apps/portal libs/web package-lock.json -newer "$portal_stamp" -type f -not -path 'apps/portal/api-export/*' -print -quit 2>/dev/null)" ]; then
  echo "[setup] building the portal (vite)"
  npm run --silent build:portal
  touch "$portal_stamp"
fi

open_portal_stamp=dist/open-portal/.build-stamp
if [ ! -f "$open_portal_stamp" ] || [ -n "$(find apps/open-portal libs/web package-lock.json -newer "$open_portal_stamp" -type f -print -quit 2>/dev/null)" ]; then
  echo "[setup] building the open-data portal (vite)"
  npm run --silent build:open-portal
  touch "$open_portal_stamp"
fi
