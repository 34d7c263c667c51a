#!/usr/bin/env bash
# The Windows release, cross-built with mingw in the `dist` profile (optimised for size, thin LTO,
# stripped):
#   scripts/windows-build.sh [x64|x86]      (x64 by default)
# builds the desktop app, the `latchkey` CLI, the WebView2 loader the GNU target needs beside
# the app and liblatchkey (sdk/: latchkey.dll, its import library, the header) into target/windows/payload/ (x64) or target/windows/payload-x86/ (x86): what the MSI
# carries. For x64 it also builds the test-only Wine helpers into target/windows/wine-shim/, never
# into a payload: the ProcessPrng shim and a Credential Manager reader
# (installer/windows/wine-shim), and the named pipe's own unit tests
# (crates/transport/src/windows.rs), which crates/cli/tests/windows.rs runs under Wine.
# Installs the Rust target and mingw when they are missing (idempotent). Used by `make test` (x64,
# the Wine end-to-end test) and `make installers` (both). Prints the payload folder.
set -euo pipefail
cd "$(dirname "$0")/.."
arch=${1:-x64}
case "$arch" in
  x64) target=x86_64-pc-windows-gnu mingw=x86_64-w64-mingw32 packages="gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64" payload=target/windows/payload ;;
  x86) target=i686-pc-windows-gnu mingw=i686-w64-mingw32 packages="gcc-mingw-w64-i686 g++-mingw-w64-i686" payload=target/windows/payload-x86 ;;
  *) echo "windows-build.sh: unknown architecture \`$arch\` (x64 or x86)" >&2; exit 2 ;;
esac
rustup target list --installed | grep -qx "$target" || rustup target add "$target" >&2
if ! command -v "$mingw-gcc" >/dev/null || ! command -v "$mingw-g++" >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # shellcheck disable=SC2086 # two package names
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $packages >/dev/null
fi
[ -f ui/dist/index.html ] || ./scripts/ui-build.sh >&2
cargo build --profile dist -q --target "$target" -p latchkey-desktop -p latchkey-cli -p latchkey-ffi
built=target/$target/dist
mkdir -p "$payload/sdk"
cp "$built/latchkey-desktop.exe" "$built/latchkey.exe" "$built/latchkey-agent.exe" "$built/WebView2Loader.dll" "$payload/"
# liblatchkey for native applications: the DLL, its import library (mingw) and the header.
cp "$built/latchkey.dll" "$built/liblatchkey.dll.a" crates/ffi/include/latchkey.h "$payload/sdk/"
if [ "$arch" = x64 ]; then
  shim=target/windows/wine-shim
  mkdir -p "$shim"
  $mingw-gcc -O2 -shared -o "$shim/bcryptprimitives.dll" \
    installer/windows/wine-shim/bcryptprimitives.c installer/windows/wine-shim/bcryptprimitives.def -ladvapi32
  $mingw-gcc -O2 -municode -o "$shim/credread.exe" installer/windows/wine-shim/credread.c -ladvapi32
  transport_tests=$(cargo test --no-run -q --target "$target" -p latchkey-transport --lib --message-format=json |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
  [ -n "$transport_tests" ] || { echo "windows-build.sh: the transport's Windows tests did not build" >&2; exit 1; }
  cp "$transport_tests" "$shim/transport-tests.exe"
fi
echo "$PWD/$payload"
