#!/usr/bin/env bash
# Installs what the tests need and runs every test: lint, typecheck, unit and
# end-to-end. Prints each runner's summary, then one total line.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null; then
  echo "== installing Debian's Chromium for the end-to-end tests"
  as_root apt-get update -qq || exit 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null || exit 1
fi

echo "== npm ci (builds the app too)"
npm ci --no-audit --no-fund || exit 1

mkdir -p test-results
status=0
step() {
  echo "== $1"
  shift
  "$@" || status=1
}
step "lint" npx eslint --max-warnings 0 .
step "typecheck" npx tsc -b tsconfig.json
step "unit tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step "end-to-end tests (playwright, server mode in Chromium)" npx playwright test --project=server-chromium
node scripts/test-summary.js test-results/unit.json test-results/e2e.json || status=1
exit $status
