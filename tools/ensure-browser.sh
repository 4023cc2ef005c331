#!/usr/bin/env bash
# The end-to-end tests drive Debian's own Chromium (/usr/bin/chromium, kept up to date by apt with
# the rest of the system). Installs the `chromium` package when it is missing; never downloads a
# browser build of its own.
set -euo pipefail

browser=/usr/bin/chromium
if [ -x "$browser" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-browser: $browser is missing and installing it needs root." >&2
  echo "  Run as root: apt-get update && apt-get install -y --no-install-recommends chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: $browser is missing and this system has no apt-get; install Debian's chromium package." >&2
  exit 1
fi

echo "ensure-browser: installing Debian's chromium (apt-get)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium
"$browser" --version
