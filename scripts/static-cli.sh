#!/usr/bin/env bash
# Relinks the release `latchkey` (the small program) against the static C library, as a static
# PIE. It then starts without the dynamic loader: no libraries to map, no symbols to bind, which
# was most of what `latchkey token` cost as a whole process (BENCHMARKS.md, the agent). The small
# program reads no user database and resolves no host name, the glibc features a static program
# cannot use. Linux only. Run after `cargo build --release -p latchkey-cli`: a plain build links it
# dynamically again (the packages, `make bench` and this script's check see the static one).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo rustc --release -q -p latchkey-cli --bin latchkey -- -C target-feature=+crt-static
if readelf -l target/release/latchkey | grep -q 'program interpreter'; then
  echo "static-cli.sh: target/release/latchkey still needs the dynamic loader" >&2
  exit 1
fi
