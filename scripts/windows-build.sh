#!/usr/bin/env bash
# The Windows x64 release, cross-built with mingw: the desktop app, the `latchkey` CLI and the
# WebView2 loader the GNU target needs beside the app, stripped into target/windows/payload/ (what
# the MSI carries); and the test-only Wine helpers (installer/windows/wine-shim: the ProcessPrng
# shim and a Credential Manager reader) into target/windows/wine-shim/, never into the payload.
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
cargo build --release -q --target "$target" -p latchkey-desktop -p latchkey-cli
built=target/$target/release
payload=target/windows/payload
mkdir -p "$payload" target/windows/wine-shim
x86_64-w64-mingw32-strip -o "$payload/latchkey-desktop.exe" "$built/latchkey-desktop.exe"
x86_64-w64-mingw32-strip -o "$payload/latchkey.exe" "$built/latchkey.exe"
cp "$built/WebView2Loader.dll" "$payload/WebView2Loader.dll"
x86_64-w64-mingw32-gcc -O2 -shared -o target/windows/wine-shim/bcryptprimitives.dll \
  installer/windows/wine-shim/bcryptprimitives.c installer/windows/wine-shim/bcryptprimitives.def -ladvapi32
x86_64-w64-mingw32-gcc -O2 -municode -o target/windows/wine-shim/credread.exe installer/windows/wine-shim/credread.c -ladvapi32
echo "$PWD/$payload"
