#!/usr/bin/env bash
# `make installers`: every package this machine can build, into dist/ (configuration.md):
#   dist/latchkey_<version>_amd64.deb, dist/latchkey-<version>-1.x86_64.rpm,
#   dist/latchkey-<version>-x64.msi, dist/latchkey-<version>-x86.msi, dist/macos/ (the pkg's inputs
#   and the script that builds it on a Mac), dist/windows/admx/ (the Group Policy templates).
# The deb and rpm carry the release build. The MSI's payload is what Linux can build: the `latchkey`
# CLI cross-built for Windows (when the x86_64-pc-windows-gnu target and mingw are installed; `make
# check-platforms` installs them) and, for the desktop app, a placeholder: the release MSI is built
# from the same WiX source on a Windows runner, where the app itself is built. The x86 MSI carries
# the same 64-bit CLI here (no i686 target is installed): only its tables are x86's.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dist=$PWD/dist
rm -rf "$dist" && mkdir -p "$dist"
./scripts/ui-build.sh
cargo build --release -q -p latchkey-desktop -p latchkey-cli
installer/linux/build-deb.sh target/release "$dist" "$version"
installer/linux/build-rpm.sh target/release "$dist" "$version"
payload=$(mktemp -d)
trap 'rm -rf "$payload"' EXIT
if rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu && command -v x86_64-w64-mingw32-gcc >/dev/null; then
  cargo build --release -q -p latchkey-cli --target x86_64-pc-windows-gnu
  x86_64-w64-mingw32-strip -o "$payload/latchkey.exe" target/x86_64-pc-windows-gnu/release/latchkey.exe
else
  echo "SKIPPED: the Windows CLI (x86_64-pc-windows-gnu or mingw not installed): the MSI carries a placeholder" >&2
  printf 'placeholder: latchkey.exe is built on a Windows runner\r\n' > "$payload/latchkey.exe"
fi
printf 'placeholder: latchkey-desktop.exe is built on a Windows runner (WebView2)\r\n' > "$payload/latchkey-desktop.exe"
for arch in x64 x86; do installer/windows/build-msi.sh "$arch" "$payload" "$dist" "$version"; done
mkdir -p "$dist/windows" "$dist/macos"
cp -r installer/windows/admx "$dist/windows/"
cp -r installer/macos/. "$dist/macos/"
ls -l "$dist"
