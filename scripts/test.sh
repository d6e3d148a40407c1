#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to find. Ends with one "N passed, N failed" line.
set -euo pipefail
source "$(dirname "$0")/ensure-env.sh"
mkdir -p .cache

step() { printf '\n== %s\n' "$*"; }

step "lint and format (biome)"
npx biome check .
step "typecheck (tsc, strict)"
npx wxt prepare >/dev/null
npx tsc --noEmit
step "dead code: unused files, exports and dependencies (knip)"
npx knip
step "unit tests (vitest + happy-dom + fake-indexeddb)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/unit-results.json

step "store builds and zips (Chrome MV3, Firefox MV3)"
npx wxt zip
npx wxt zip -b firefox --mv3
step "web-ext lint of the Firefox build"
npx web-ext lint --source-dir .output/firefox-mv3 --self-hosted=false --output text
step "no eval in any bundle, no IndexedDB in the content script"
node scripts/check-bundles.ts .output/chrome-mv3 .output/firefox-mv3

step "end-to-end tests (Chromium via playwright-core, Firefox ESR via puppeteer-core/BiDi)"
IA_E2E=1 npx wxt build >/dev/null
IA_E2E=1 npx wxt build -b firefox --mv3 >/dev/null
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=.cache/e2e-results.json

node -e '
const files = [".cache/unit-results.json", ".cache/e2e-results.json"].map((f) => require("./" + f));
const passed = files.reduce((n, r) => n + r.numPassedTests, 0);
const failed = files.reduce((n, r) => n + r.numFailedTests, 0);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
'
