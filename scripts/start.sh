#!/usr/bin/env bash
# Quick start: install what is needed, build, and launch ML Workbench on the
# sample workspace: the desktop window where Electron can run, else server mode.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund # also builds (the prepare script)
else
  npm run build --silent
fi

# Electron downloads its binary on first use; where that cannot work, use server mode.
if timeout 300 node -e "require('electron')" >/dev/null 2>&1 && [ -z "${WORKBENCH_SERVER_MODE:-}" ]; then
  # better-sqlite3 must match Electron's ABI; `npm rebuild better-sqlite3` turns it back for Node.
  npx electron-builder install-app-deps >/dev/null
  exec npx electron .
fi

echo "The Electron binary is not available on this machine; starting server mode instead (open the URL below)."
exec node bin/workbench.js serve "$@"
