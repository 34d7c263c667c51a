#!/usr/bin/env bash
# Builds the Debian package from a staged tree (Tauri's own .deb has no conffiles and no debconf):
#   installer/linux/build-deb.sh BIN_DIR OUT_DIR [VERSION]
# BIN_DIR holds `latchkey-desktop`, `latchkey`, `latchkey-agent` and `liblatchkey.so` (stripped
# into the package). COMPRESS=xz (the
# default, for releases) or gzip (faster, for tests). Prints the package's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin_dir=$1 out_dir=$2 version=${3:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}
compress=${COMPRESS:-xz}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
"$here/stage.sh" "$stage" "$bin_dir" /usr/lib/x86_64-linux-gnu "$version"
install -d "$stage/DEBIAN"
cat > "$stage/usr/share/doc/latchkey/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Latchkey
Source: https://github.com/latchkey/latchkey

Files: *
Copyright: The Latchkey authors
License: MIT or Apache-2.0
 Latchkey is dual-licensed under the MIT license and the Apache License 2.0.
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.
COPYRIGHT
printf 'latchkey (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- Latchkey <packaging@latchkey.dev>  %s\n' \
  "$version" "$version" "$(date -R -u -d @"${SOURCE_DATE_EPOCH:-0}")" | gzip -9n > "$stage/usr/share/doc/latchkey/changelog.gz"
chmod 0644 "$stage/usr/share/doc/latchkey/"*
# The release's small `latchkey` is static on purpose (scripts/static-cli.sh, SECURITY.md).
install -D -m 0644 /dev/stdin "$stage/usr/share/lintian/overrides/latchkey" <<'OVERRIDES'
latchkey: statically-linked-binary [usr/bin/latchkey]
latchkey: shared-library-lacks-prerequisites [usr/bin/latchkey]
OVERRIDES
installed_kib=$(du -sk "$stage/usr" "$stage/etc" | awk '{s+=$1} END {print s}')
cat > "$stage/DEBIAN/control" <<CONTROL
Package: latchkey
Version: $version
Architecture: amd64
Maintainer: Latchkey <packaging@latchkey.dev>
Installed-Size: $installed_kib
Depends: debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.34), libgcc-s1, libgtk-3-0, libwebkit2gtk-4.1-0, libayatana-appindicator3-1, libdbus-1-3
Recommends: gnome-keyring
Section: net
Priority: optional
Homepage: https://latchkey.dev
Description: sign-in client for your organization's applications
 Latchkey signs you in to your organization, lives in the system tray, keeps
 the session's refresh token in the OS keyring and serves other local
 applications your access tokens and entitlements over a local API, online
 or offline within a grace period. Includes the latchkey command.
CONTROL
echo "/etc/xdg/autostart/latchkey.desktop" > "$stage/DEBIAN/conffiles"
# liblatchkey.so.0: the dynamic linker's cache learns it at install and forgets it at removal.
echo "activate-noawait ldconfig" > "$stage/DEBIAN/triggers"
echo "liblatchkey 0 latchkey (>= $version)" > "$stage/DEBIAN/shlibs"
install -m 0644 "$here/debian/templates" "$stage/DEBIAN/templates"
for script in config postinst postrm; do install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"; done
(cd "$stage" && find usr etc -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$stage/DEBIAN/md5sums" "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/triggers" "$stage/DEBIAN/shlibs"
mkdir -p "$out_dir"
package="$out_dir/latchkey_${version}_amd64.deb"
dpkg-deb --root-owner-group -Z"$compress" --build "$stage" "$package" >/dev/null
echo "$package"
