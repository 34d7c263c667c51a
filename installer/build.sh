#!/usr/bin/env bash
# `make installers`: every package this machine can build, into dist/ (configuration.md):
#   dist/latchkey_<version>_amd64.deb, dist/latchkey-<version>-1.x86_64.rpm,
#   dist/latchkey-<version>-x64.msi, dist/macos/ (the pkg's inputs and the script that builds it on
#   a Mac), dist/windows/admx/ (the Group Policy templates).
# The deb and rpm carry the release build. The MSI carries the Windows release cross-built with
# mingw (scripts/windows-build.sh): the desktop app, the CLI and WebView2Loader.dll. The exes and
# the MSI are Authenticode-signed when LATCHKEY_SIGN_CERT and LATCHKEY_SIGN_KEY name a
# certificate and its key (installer/windows/sign.sh), and say UNSIGNED otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dist=$PWD/dist
rm -rf "$dist" && mkdir -p "$dist"
./scripts/ui-build.sh
cargo build --release -q -p latchkey-desktop -p latchkey-cli
installer/linux/build-deb.sh target/release "$dist" "$version"
installer/linux/build-rpm.sh target/release "$dist" "$version"
built=$(./scripts/windows-build.sh | tail -1)
payload=$(mktemp -d)
trap 'rm -rf "$payload"' EXIT
cp "$built"/latchkey-desktop.exe "$built"/latchkey.exe "$built"/WebView2Loader.dll "$payload/"
installer/windows/sign.sh "$payload/latchkey-desktop.exe" "$payload/latchkey.exe"
msi=$(installer/windows/build-msi.sh x64 "$payload" "$dist" "$version")
installer/windows/sign.sh "$msi"
mkdir -p "$dist/windows" "$dist/macos"
cp -r installer/windows/admx "$dist/windows/"
cp -r installer/macos/. "$dist/macos/"
ls -l "$dist"
