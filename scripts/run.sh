#!/usr/bin/env bash
# `make run`: the whole journey on the embedded defaults. Starts latchkey-server (SQLite, a demo
# organization, mail to the development folder) and the Latchkey desktop app pointed at it. With
# no display, it says so and runs the headless agent with the terminal sign-in instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh
./scripts/ui-build.sh
cargo build --release -q -p latchkey-server -p latchkey-cli -p latchkey-desktop
server=./target/release/latchkey-server
port=${LATCHKEY_RUN_PORT:-8080}
export LATCHKEY_LISTEN=127.0.0.1:$port LATCHKEY_PUBLIC_URL=http://127.0.0.1:$port
$server demo
$server serve 2> >(sed 's/^/[server] /' >&2) &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
export LATCHKEY_SERVER_URL=http://127.0.0.1:$port
echo
echo "The demo user is fulfillment@demo.latchkey.test, with no password yet: choose 'Forgot password?'."
echo "The code arrives in the development mail folder named above (the server log names each file)."
echo "As that user (the demo organization's Fulfillment Contact), manage its users in the browser:"
echo "  http://127.0.0.1:$port/admin"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening Latchkey; it lives in the tray. Quit it from the tray menu, then Ctrl-C stops the server."
  ./target/release/latchkey-desktop || true
  wait $server_pid
else
  echo "No display here (DISPLAY and WAYLAND_DISPLAY are unset): running the headless agent and the terminal sign-in instead."
  ./target/release/latchkey agent 2> >(sed 's/^/[agent] /' >&2) &
  agent_pid=$!
  trap 'kill $agent_pid $server_pid 2>/dev/null || true' EXIT
  sleep 0.5
  ./target/release/latchkey sign-in || true
  ./target/release/latchkey status || true
  echo "The agent keeps serving other applications (try: latchkey token). Ctrl-C stops it and the server."
  wait $server_pid
fi
