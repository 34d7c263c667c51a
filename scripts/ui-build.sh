#!/usr/bin/env bash
# Builds the desktop window's front end into ui/dist (what the Tauri build embeds). Idempotent:
# `npm ci` only when package-lock.json changed.
set -euo pipefail
cd "$(dirname "$0")/../ui"
# npm trusts Node's bundled CA list; trust the system's as well, as every other tool here does (it
# carries any CA the machine's administrator added, such as an egress proxy's).
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt; fi
stamp=node_modules/.lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --silent --no-audit --no-fund
  echo "$want" > "$stamp"
fi
npm run --silent build
