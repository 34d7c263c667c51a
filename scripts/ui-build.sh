#!/usr/bin/env bash
# Builds the desktop window's front end into ui/dist (what the Tauri build embeds). Idempotent:
# `npm ci` only when package-lock.json changed.
set -euo pipefail
cd "$(dirname "$0")/../ui"
stamp=node_modules/.lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --silent --no-audit --no-fund
  echo "$want" > "$stamp"
fi
npm run --silent build
