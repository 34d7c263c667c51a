#!/bin/sh
# Builds Latchkey.pkg on a Mac (pkgbuild and productbuild exist only there):
#   installer/macos/build-pkg.sh /path/to/Latchkey.app VERSION OUT_DIR [SIGNING_IDENTITY]
# The payload is the app in /Applications and the LaunchAgent in /Library/LaunchAgents; the
# postinstall starts it for the logged-in user. With SIGNING_IDENTITY ("Developer ID Installer: …")
# the product is signed; notarise it afterwards with `xcrun notarytool submit --wait`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=$1 version=$2 out=$3 identity=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/Applications" "$work/root/Library/LaunchAgents" "$out"
cp -R "$app" "$work/root/Applications/Latchkey.app"
cp "$here/com.latchkey.client.plist" "$work/root/Library/LaunchAgents/com.latchkey.client.plist"
pkgbuild --root "$work/root" --scripts "$here/scripts" --identifier com.latchkey.client --version "$version" \
  --install-location / "$work/latchkey-component.pkg"
if [ -n "$identity" ]; then
  productbuild --distribution "$here/Distribution.xml" --package-path "$work" --sign "$identity" "$out/Latchkey-$version.pkg"
else
  productbuild --distribution "$here/Distribution.xml" --package-path "$work" "$out/Latchkey-$version.pkg"
fi
echo "$out/Latchkey-$version.pkg"
