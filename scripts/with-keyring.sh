#!/usr/bin/env bash
# Runs a command the way a desktop session would see it: a private session bus with an unlocked
# gnome-keyring (Secret Service) and a kernel session keyring. The login collection only unlocks
# with a non-empty password, hence the fixed one for this throwaway keyring; HOME is private so
# the keyring files land in a temporary folder, never in the user's own.
set -euo pipefail
if [ -z "${LATCHKEY_KEYRING_SESSION:-}" ]; then
  keyring_home=$(mktemp -d /tmp/latchkey-keyring.XXXXXX)
  export LATCHKEY_KEYRING_SESSION=1 LATCHKEY_REAL_HOME="$HOME"
  # cargo and rustup live under the real HOME unless told otherwise
  export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
  HOME="$keyring_home" exec dbus-run-session -- "$0" "$@"
fi
printf %s "latchkey-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec keyctl session - "$@"
