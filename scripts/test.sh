#!/usr/bin/env bash
# Installs what the tests need and runs every test: lint, typecheck, unit and
# end-to-end. Prints each runner's summary, then one total line.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the tests run against: Chromium for the end-to-end tests;
# Jupyter Server, the IPython kernel and the Python libraries the notebook tests use;
# git, whose CLI and http-backend the source-control tests check against.
packages=(chromium fonts-dejavu-core git jupyter-server python3-ipykernel python3-matplotlib python3-nbformat python3-pandas)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq || exit 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
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
