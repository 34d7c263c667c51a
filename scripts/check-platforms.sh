#!/usr/bin/env bash
# Type-checks (with clippy, tests included) the platform code that cannot run here — the Windows registry and macOS
# preferences readers of crates/config, the named pipe and Unix transports of crates/transport (the
# peer's executable on macOS), the SDK and liblatchkey over them — for each target that is
# installed; `make check-platforms` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
installed=$(rustup target list --installed 2>/dev/null || true)
for target in x86_64-pc-windows-gnu x86_64-apple-darwin; do
  if grep -qx "$target" <<<"$installed"; then
    cargo clippy -q -p latchkey-config -p latchkey-transport --target "$target" --all-targets -- -D warnings
    cargo clippy -q -p latchkey-sdk -p latchkey-ffi --target "$target" -- -D warnings
    echo "checked latchkey-config, latchkey-transport, latchkey-sdk and latchkey-ffi for $target"
    # The agent, SDK and CLI need a C cross compiler for ring (rustls): mingw for Windows only.
    if [ "$target" = x86_64-pc-windows-gnu ] && command -v x86_64-w64-mingw32-gcc >/dev/null; then
      cargo clippy -q -p latchkey-agent -p latchkey-sdk -p latchkey-cli --target "$target" -- -D warnings
      echo "checked latchkey-agent, latchkey-sdk and latchkey-cli for $target"
    fi
  else
    echo "SKIPPED: $target not installed (make check-platforms installs it)"
  fi
done
