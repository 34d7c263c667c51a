#!/usr/bin/env bash
# Stages what the deb and the rpm both carry into STAGE: the three programs (stripped), the menu and
# autostart entries, the icons and the doc folder. Each package's script adds its own parts.
#   installer/linux/stage.sh STAGE BIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
stage=$1 bin_dir=$2
install -d "$stage/usr/bin" "$stage/usr/share/applications" "$stage/etc/xdg/autostart" "$stage/usr/share/doc/latchkey"
for program in latchkey-desktop latchkey latchkey-agent; do
  strip -o "$stage/usr/bin/$program" "$bin_dir/$program"
  chmod 0755 "$stage/usr/bin/$program"
done
install -m 0644 "$here/latchkey.desktop" "$stage/usr/share/applications/latchkey.desktop"
install -m 0644 "$here/latchkey-autostart.desktop" "$stage/etc/xdg/autostart/latchkey.desktop"
for size in 16 32 48 64 128 256 512; do
  install -D -m 0644 "$root/icons/app/icon-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/latchkey.png"
done
