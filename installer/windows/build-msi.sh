#!/usr/bin/env bash
# Builds the per-machine MSI from Latchkey.wxs with wixl (msitools), then writes with msibuild what
# wixl leaves out (component conditions, SecureCustomProperties; patch_msi.py reads them from the
# same source):
#   installer/windows/build-msi.sh ARCH PAYLOAD_DIR OUT_DIR [VERSION]
# ARCH is x64 or x86; PAYLOAD_DIR holds latchkey-desktop.exe, WebView2Loader.dll (the mingw build
# loads WebView2 through it), latchkey.exe and latchkey-agent.exe. Prints the path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
arch=$1 payload=$(cd "$2" && pwd) out_dir=$3 version=${4:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}
mkdir -p "$out_dir"
msi="$(cd "$out_dir" && pwd)/latchkey-$version-$arch.msi"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/patch_msi.py" strip "$here/Latchkey.wxs" > "$work/Latchkey.wxs"
# wixl takes sources relative to the source file only
cp -r "$payload" "$work/payload"
(cd "$work" && wixl -a "$arch" -D Arch="$arch" -D Version="$version" -D PayloadDir=payload -D WebView2Loader=yes -o "$msi" Latchkey.wxs)
python3 "$here/patch_msi.py" sql "$here/Latchkey.wxs" "$arch" | while IFS= read -r sql; do
  msibuild "$msi" -q "$sql"
done
echo "$msi"
