#!/usr/bin/env bash
# Stages what the deb and the rpm both carry into STAGE: the three programs (stripped), liblatchkey
# for native applications (the shared library under its soname with the linker's name beside it,
# the header, the pkg-config file), the menu and autostart entries, the icons and the doc folder.
# Each package's script adds its own parts.
#   installer/linux/stage.sh STAGE BIN_DIR LIBDIR VERSION
# LIBDIR is the distribution's library folder (/usr/lib/x86_64-linux-gnu, /usr/lib64).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
stage=$1 bin_dir=$2 libdir=$3 version=$4
install -d "$stage/usr/bin" "$stage/usr/share/applications" "$stage/etc/xdg/autostart" "$stage/usr/share/doc/latchkey" \
  "$stage$libdir/pkgconfig" "$stage/usr/include"
for program in latchkey-desktop latchkey latchkey-agent; do
  strip -o "$stage/usr/bin/$program" "$bin_dir/$program"
  chmod 0755 "$stage/usr/bin/$program"
done
strip --strip-unneeded -o "$stage$libdir/liblatchkey.so.0" "$bin_dir/liblatchkey.so"
chmod 0644 "$stage$libdir/liblatchkey.so.0"
ln -s liblatchkey.so.0 "$stage$libdir/liblatchkey.so"
install -m 0644 "$root/crates/ffi/include/latchkey.h" "$stage/usr/include/latchkey.h"
sed -e "s|@LIBDIR@|$libdir|" -e "s|@VERSION@|$version|" "$here/latchkey.pc.in" > "$stage$libdir/pkgconfig/latchkey.pc"
chmod 0644 "$stage$libdir/pkgconfig/latchkey.pc"
install -m 0644 "$here/latchkey.desktop" "$stage/usr/share/applications/latchkey.desktop"
install -m 0644 "$here/latchkey-autostart.desktop" "$stage/etc/xdg/autostart/latchkey.desktop"
for size in 16 32 48 64 128 256 512; do
  install -D -m 0644 "$root/icons/app/icon-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/latchkey.png"
done
