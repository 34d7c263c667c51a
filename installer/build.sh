#!/usr/bin/env bash
# `make installers`: every package this machine can build, into dist/ (configuration.md):
#   dist/latchkey_<version>_amd64.deb, dist/latchkey-<version>-1.x86_64.rpm,
#   dist/latchkey-<version>-x64.msi, dist/latchkey-<version>-x86.msi, dist/macos/ (the pkg's inputs and the script that builds it on
#   a Mac), dist/windows/admx/ (the Group Policy templates).
# The deb and rpm carry the release build, with the small `latchkey` linked statically
# (scripts/static-cli.sh). The MSIs carry the Windows release cross-built with
# mingw (scripts/windows-build.sh x64, then x86 for 32-bit Windows): the desktop app, the CLI and
# WebView2Loader.dll. The exes and the MSIs are Authenticode-signed when LATCHKEY_SIGN_CERT and LATCHKEY_SIGN_KEY name a
# certificate and its key (installer/windows/sign.sh), and say UNSIGNED otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dist=$PWD/dist
rm -rf "$dist" && mkdir -p "$dist"
./scripts/ui-build.sh
cargo build --release -q -p latchkey-desktop -p latchkey-cli -p latchkey-ffi
./scripts/static-cli.sh
installer/linux/build-deb.sh target/release "$dist" "$version"
installer/linux/build-rpm.sh target/release "$dist" "$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for arch in x64 x86; do
  built=$(./scripts/windows-build.sh "$arch" | tail -1)
  payload=$work/$arch
  mkdir -p "$payload"
  cp "$built"/latchkey-desktop.exe "$built"/latchkey.exe "$built"/latchkey-agent.exe "$built"/WebView2Loader.dll "$payload/"
  cp -r "$built/sdk" "$payload/sdk"
  installer/windows/sign.sh "$payload/latchkey-desktop.exe" "$payload/latchkey.exe" "$payload/latchkey-agent.exe" "$payload/sdk/latchkey.dll"
  msi=$(installer/windows/build-msi.sh "$arch" "$payload" "$dist" "$version")
  installer/windows/sign.sh "$msi"
done
mkdir -p "$dist/windows" "$dist/macos"
cp -r installer/windows/admx "$dist/windows/"
cp -r installer/macos/. "$dist/macos/"
ls -l "$dist"
