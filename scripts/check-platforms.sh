#!/usr/bin/env bash
# Type-checks the platform code that cannot run here (the Windows registry and macOS preferences
# readers of crates/config) for each target that is installed; `make check-platforms` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
installed=$(rustup target list --installed 2>/dev/null || true)
for target in x86_64-pc-windows-gnu x86_64-apple-darwin; do
  if grep -qx "$target" <<<"$installed"; then
    cargo check -q -p latchkey-config --target "$target"
    echo "checked latchkey-config for $target"
  else
    echo "SKIPPED: $target not installed (make check-platforms installs it)"
  fi
done
