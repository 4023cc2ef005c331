#!/usr/bin/env bash
# The end-to-end tests drive Debian's own Chromium (/usr/bin/chromium, kept up to date by apt with
# the rest of the system). Installs the `chromium` package when it is missing, and a Chinese font
# (fonts-wqy-microhei) when the system has none, so the screenshots show 中文 rather than boxes;
# never downloads a browser build of its own.
set -euo pipefail

browser=/usr/bin/chromium
packages=()
[ -x "$browser" ] || packages+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  packages+=(fonts-wqy-microhei)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-browser: ${packages[*]} missing and installing needs root." >&2
  echo "  Run as root: apt-get update && apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: ${packages[*]} missing and this system has no apt-get; install Debian's packages." >&2
  exit 1
fi

echo "ensure-browser: installing ${packages[*]} (apt-get)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
"$browser" --version
