#!/usr/bin/env bash
# `npm run bench`: builds, then prints sizes and Chromium timings (medians). Figures, not pass/fail.
set -euo pipefail
source "$(dirname "$0")/ensure-env.sh"
npx wxt build >/dev/null
IA_E2E=1 npx wxt build >/dev/null
node scripts/bench.ts "$@"
node scripts/bench-main-thread.ts "$@"
node scripts/bench-history.ts "$@"
node scripts/bench-regex.ts
