#!/usr/bin/env bash
# `make bench` for the desktop app (run inside scripts/with-keyring.sh, under Xvfb): start-up to
# tray ready (started with --autostart, no window) and to the first painted window; the resident
# memory of the whole app — its process and every WebKit process under it — idle in the tray with no
# window, and with the window open; the release binary's size and a package's. Writes
# bench/results/desktop.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
work=$(mktemp -d /tmp/latchkey-desktop-bench-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
mkdir -p bench/results
./scripts/ui-build.sh
cargo build --release -q -p latchkey-desktop
app=$PWD/target/release/latchkey-desktop
display=:171
Xvfb $display -screen 0 1280x800x24 -nolisten tcp 2>/dev/null & pids+=($!)
sleep 1
tree() { echo $1 $(pgrep -P "$1" 2>/dev/null) $(for c in $(pgrep -P "$1" 2>/dev/null); do pgrep -P "$c" 2>/dev/null; done); }
tree_memory_kb() { # RSS and PSS (shared pages divided among their users) of the process and its descendants
  local rss=0 pss=0 anon=0 p
  for p in $(tree "$1"); do
    rss=$((rss + $(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
    pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
    anon=$((anon + $(awk '/^Pss_Anon:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$rss $pss $(tree "$1" | wc -w) $anon"
}
app_home() { # label -> makes a private home for one start of the app; prints it
  local home=$work/$1; mkdir -p "$home/run"; chmod 700 "$home/run"; echo "$home"
}
app_env() { # home -> the app's environment in that home (the paths have no spaces: mktemp's)
  echo DISPLAY=$display HOME=$1 XDG_RUNTIME_DIR=$1/run XDG_CONFIG_HOME=$1/config XDG_STATE_HOME=$1/state \
    XDG_DATA_HOME=$1/data XDG_CACHE_HOME=$1/cache LATCHKEY_SERVER_URL=http://127.0.0.1:9 LATCHKEY_LOG=info
}
launch() { # label line args... -> starts the app with a private home, waits for the log line, measures
  local label=$1 line=$2; shift 2
  local home; home=$(app_home "$label")
  env $(app_env "$home") "$app" "$@" 2>"$home/log" & local pid=$!
  for _ in $(seq 200); do grep -q "$line" "$home/log" && break; sleep 0.05; done
  sleep 3
  echo "$(grep "$line" "$home/log" | head -1 | grep -oE 'elapsed_ms=[0-9]+' | cut -d= -f2) $(tree_memory_kb $pid)"
  kill $pid; wait $pid 2>/dev/null || true
}
: > "$work/tray"; : > "$work/window"; : > "$work/open"; : > "$work/open-composited"
open_from_tray() { # run [env...]: the app idle in the tray; a second launch asks it for its window (as Open in the tray menu does)
  local home; home=$(app_home "open-$1"); shift
  local env=("$@" $(app_env "$home"))
  env "${env[@]}" "$app" --autostart 2>"$home/log" & local pid=$!
  for _ in $(seq 200); do grep -q "tray ready" "$home/log" && break; sleep 0.05; done
  sleep 2
  env "${env[@]}" "$app" 2>/dev/null || true
  for _ in $(seq 200); do grep -q "window painted" "$home/log" && break; sleep 0.05; done
  local line; line=$(grep "window painted" "$home/log" | head -1)
  echo "$(grep -oE 'since_open_ms=[0-9]+' <<<"$line" | cut -d= -f2) $(grep -oE 'page_ms=[0-9]+' <<<"$line" | cut -d= -f2)"
  kill $pid; wait $pid 2>/dev/null || true
}
for i in $(seq "$RUNS"); do
  launch "tray-$i" "tray ready" --autostart >> "$work/tray"
  launch "window-$i" "window painted" >> "$work/window"
  open_from_tray "$i" >> "$work/open"
  # The same with WebKitGTK's GPU compositing back on, as the app drew before it turned it off.
  open_from_tray "composited-$i" WEBKIT_DISABLE_COMPOSITING_MODE=0 >> "$work/open-composited"
done
size=$(stat -c %s "$app"); strip -o "$work/stripped" "$app"; stripped=$(stat -c %s "$work/stripped")
# The package: what a .deb of the app would carry (the stripped app and CLI, the icons, the menu
# entry), xz-compressed as dpkg-deb does by default; the installers issue builds the real packages.
cargo build --release -q -p latchkey-cli
./scripts/static-cli.sh
pkg=$work/pkg
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/applications"
strip -o "$pkg/usr/bin/latchkey-desktop" "$app"; strip -o "$pkg/usr/bin/latchkey" target/release/latchkey
strip -o "$pkg/usr/bin/latchkey-agent" target/release/latchkey-agent
for s in 32 128 256 512; do
  mkdir -p "$pkg/usr/share/icons/hicolor/${s}x${s}/apps"; cp "icons/app/icon-$s.png" "$pkg/usr/share/icons/hicolor/${s}x${s}/apps/latchkey.png"
done
printf '[Desktop Entry]\nType=Application\nName=Latchkey\nExec=latchkey-desktop\nIcon=latchkey\n' > "$pkg/usr/share/applications/latchkey.desktop"
printf 'Package: latchkey\nVersion: 0.1.0\nArchitecture: amd64\nMaintainer: Latchkey <dev@latchkey.invalid>\nDepends: libwebkit2gtk-4.1-0, libayatana-appindicator3-1\nDescription: Latchkey sign-in client (benchmark build)\n' > "$pkg/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$work/latchkey.deb" >/dev/null
package=$(stat -c %s "$work/latchkey.deb"); installed=$(du -sb "$pkg/usr" | cut -f1)
python3 - "$work" "$size" "$stripped" "$RUNS" "$package" "$installed" <<'PY' | tee bench/results/desktop.md
import sys, statistics, datetime, platform
work, size, stripped, runs, package, installed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
def rows(name):
    return [tuple(map(int, l.split())) for l in open(f"{work}/{name}") if l.strip()]
tray, window, opened, composited = rows("tray"), rows("window"), rows("open"), rows("open-composited")
med = lambda xs: statistics.median(xs)
mib = lambda kb: f"{kb / 1024:.1f} MiB"
print(f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {platform.platform()}, median of {runs} starts each")
print("\n| measurement | Latchkey |\n|---|---|")
print(f"| start-up to tray ready (`--autostart`, no window) | {med([r[0] for r in tray]):.0f} ms |")
print(f"| start-up to first window painted | {med([r[0] for r in window]):.0f} ms |")
print(f"| window opened from the tray (app idle in the tray) to first paint | {med([r[0] for r in opened]):.0f} ms, of which the page {med([r[1] for r in opened]):.0f} ms after WebKit's navigation start |")
print(f"| the same with GPU compositing on (`WEBKIT_DISABLE_COMPOSITING_MODE=0`) | {med([r[0] for r in composited]):.0f} ms, of which the page {med([r[1] for r in composited]):.0f} ms |")
print(f"| memory idle in the tray, no window: private (anonymous PSS) / PSS / RSS of the process tree ({tray[0][3]} process) | {mib(med([r[4] for r in tray]))} / {mib(med([r[2] for r in tray]))} / {mib(med([r[1] for r in tray]))} |")
print(f"| memory with the window open: private / PSS / RSS of the tree, WebKit included ({window[0][3]} processes) | {mib(med([r[4] for r in window]))} / {mib(med([r[2] for r in window]))} / {mib(med([r[1] for r in window]))} |")
print(f"| release binary | {size / 1048576:.1f} MiB ({stripped / 1048576:.1f} MiB stripped) |")
print(f"| package (.deb, xz: app + CLI (both programs) stripped, icons, menu entry) | {package / 1048576:.1f} MiB ({installed / 1048576:.1f} MiB installed) |")
PY
