#!/usr/bin/env bash
# `npm test`: lint, types, unit and integration tests, then the browser tests. Cheapest first, so a typo fails in
# seconds rather than after a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 ALIBABA_CLOUD_ECS_METADATA_DISABLED=true

echo "== lint";       npx eslint . --max-warnings 0
echo "== typecheck";  npx next typegen >/dev/null && npx tsc --noEmit
echo "== unit and integration tests"; npx vitest run
echo "== browser tests"
node scripts/ensure-chromium.mjs
npx playwright test
