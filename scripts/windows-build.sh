#!/usr/bin/env bash
# The Windows x64 release, cross-built with mingw in the `dist` profile (optimised for size, thin
# LTO, stripped): the desktop app, the `latchkey` CLI and the WebView2 loader the GNU target needs
# beside the app, into target/windows/payload/ (what the MSI carries); and the test-only Wine
# helpers into target/windows/wine-shim/, never into the payload: the ProcessPrng shim and a
# Credential Manager reader (installer/windows/wine-shim), and the named pipe's own unit tests
# (crates/transport/src/windows.rs), which crates/cli/tests/windows.rs runs under Wine.
# Installs the Rust target and mingw when they are missing (idempotent). Used by `make test` (the
# Wine end-to-end test) and `make installers`.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
if ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! command -v x86_64-w64-mingw32-g++ >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 >/dev/null
fi
[ -f ui/dist/index.html ] || ./scripts/ui-build.sh
cargo build --profile dist -q --target "$target" -p latchkey-desktop -p latchkey-cli
built=target/$target/dist
payload=target/windows/payload
mkdir -p "$payload" target/windows/wine-shim
cp "$built/latchkey-desktop.exe" "$built/latchkey.exe" "$payload/"
cp "$built/WebView2Loader.dll" "$payload/WebView2Loader.dll"
x86_64-w64-mingw32-gcc -O2 -shared -o target/windows/wine-shim/bcryptprimitives.dll \
  installer/windows/wine-shim/bcryptprimitives.c installer/windows/wine-shim/bcryptprimitives.def -ladvapi32
x86_64-w64-mingw32-gcc -O2 -municode -o target/windows/wine-shim/credread.exe installer/windows/wine-shim/credread.c -ladvapi32
transport_tests=$(cargo test --no-run -q --target "$target" -p latchkey-transport --lib --message-format=json |
  sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
[ -n "$transport_tests" ] || { echo "windows-build.sh: the transport's Windows tests did not build" >&2; exit 1; }
cp "$transport_tests" target/windows/wine-shim/transport-tests.exe
echo "$PWD/$payload"
