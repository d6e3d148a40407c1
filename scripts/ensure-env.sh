#!/usr/bin/env bash
# Sourced by scripts/test.sh, scripts/demo.sh and .ci/run: makes a fresh Debian machine ready.
#  - Node >= 22 (the npm registry's `node` package when the machine's is older; kept in .cache/node22)
#  - Debian's chromium and firefox-esr (installed with apt-get when missing and we are root)
#  - the project's npm dependencies (npm ci when node_modules is missing or older than package-lock.json)
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x .cache/node22/node_modules/.bin/node ]; then
    echo "ensure-env: Node $(node -v 2>/dev/null || echo none) is older than 22; installing node@22 from the npm registry"
    npm install --silent --no-audit --no-fund --prefix .cache/node22 node@22 >/dev/null
  fi
  export PATH="$repo_root/.cache/node22/node_modules/.bin:$PATH"
fi
echo "ensure-env: node $(node -v)"

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-env: please install ${missing[*]} (Debian: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "ensure-env: installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-env: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
