#!/usr/bin/env bash
# `npm run soak`: builds the Firefox e2e build, then prints the Firefox long-session figures (scripts/soak-firefox.ts).
# Figures, not pass/fail; not part of `npm test`. Options: --sends N (default 500), --window W (default 50).
set -euo pipefail
source "$(dirname "$0")/ensure-env.sh"
IA_E2E=1 npx wxt build -b firefox --mv3 >/dev/null
node scripts/soak-firefox.ts "$@"
