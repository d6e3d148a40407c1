#!/usr/bin/env bash
# `npm start`: sets up a fresh machine, builds, and opens Chromium with the extension on a demo PagerDuty
# incident wired to a local receiver whose log is printed. `npm start -- --headless` (or no display) runs
# the same walk-through headless and saves screenshots to docs/screenshots/.
set -euo pipefail
source "$(dirname "$0")/ensure-env.sh"
# The e2e build: the store build plus a granted 127.0.0.1 origin, so the demo needs no permission prompt.
IA_E2E=1 npx wxt build >/dev/null
node scripts/demo.ts "$@"
