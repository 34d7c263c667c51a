#!/usr/bin/env bash
# Starts a private PostgreSQL cluster for the tests (installing PostgreSQL when missing) and prints
# its admin URL. Idempotent: a cluster already answering on the port is reused.
# Usage: scripts/postgres.sh [DIR] [PORT] [extra postgres -c settings...]
set -euo pipefail
dir=${1:-/tmp/latchkey-test-pg}
port=${2:-54329}
shift $(( $# > 2 ? 2 : $# ))
url="postgres://postgres@127.0.0.1:${port}/postgres"

find_bin() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1; }
bindir=$(find_bin)
if [ -z "$bindir" ]; then
  echo "installing PostgreSQL (apt)..." >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null
  bindir=$(find_bin)
fi
if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "$url"; exit 0
fi
# PostgreSQL refuses to run as root: run it as the postgres user the package created.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
if [ ! -f "$dir/PG_VERSION" ]; then
  as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
fi
# Dynamic shared memory in files of the cluster's folder, not /dev/shm: a container's or chroot's
# /dev/shm may be tiny or shared with the host's.
opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c dynamic_shared_memory_type=mmap"
for setting in "$@"; do opts="$opts -c $setting"; done
as_owner "$bindir/pg_ctl" -D "$dir" -o "$opts" -l "$dir/server.log" -w start >/dev/null
echo "$url"
