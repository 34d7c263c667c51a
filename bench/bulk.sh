#!/usr/bin/env bash
# `make bench`, user management: bulk registration of 100,000 rows through `POST …/users:bulk`
# (wall time, the server's peak resident memory) and paging through the 100,000 members
# (p50/p99 per page of 100), on SQLite and on PostgreSQL (a durable cluster, fsync on), with the
# release server. Writes bench/results/bulk.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
PASSWORD='benchmark passphrase of some length'
work=$(mktemp -d /tmp/latchkey-bulk-bench-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
./scripts/python-env.sh
cargo build --release -q -p latchkey-server -p latchkey-loadgen
server=./target/release/latchkey-server
pg_admin=$(./scripts/postgres.sh /tmp/latchkey-bench-pg 54330)
psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS latchkey_bulk" -c "CREATE DATABASE latchkey_bulk"

run() { # name database_url port
  local name=$1 db=$2 port=$3 dir=$work/$1
  mkdir -p "$dir"
  local env=(LATCHKEY_DATA_DIR=$dir LATCHKEY_DATABASE_URL=$db LATCHKEY_LISTEN=127.0.0.1:$port LATCHKEY_MAIL_DIR=$dir/mail LATCHKEY_LOG=warn)
  env "${env[@]}" $server org create --name "Bulk $name" --contact-email "bulk-$name@bench.example" \
    --contact-first-name B --contact-last-name M --contact-country GB --product suite >/dev/null
  env "${env[@]}" $server serve 2>"$dir/log" & local pid=$!; pids+=($pid)
  ./target/release/latchkey-loadgen wait --url "http://127.0.0.1:$port/healthz" >/dev/null
  .venv/bin/python bench/bulk_admin.py "http://127.0.0.1:$port" "bulk-$name@bench.example" "$PASSWORD" "$dir/mail" "$pid" "$ROWS" > "$work/$name.json"
  kill $pid
}
run sqlite "sqlite://$work/sqlite/latchkey.db?mode=rwc" 18091
run postgres "${pg_admin%/*}/latchkey_bulk" 18092

field() { .venv/bin/python -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
out=bench/results/bulk.md
mkdir -p bench/results
{
  echo "Command: \`make bench\` (bench/bulk.sh, ROWS=$ROWS)  "
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ)  "
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:\s*//p' | head -1), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo
  echo "| bulk register, $ROWS rows ($(field "$work/sqlite.json" file_mib) MiB CSV, one request) | wall time (s) | server peak RSS (MiB) | peak before the import (MiB) | list: pages of 100 | p50 ms/page | p99 ms/page |"
  echo "|---|---|---|---|---|---|---|"
  for db in sqlite postgres; do
    printf '| latchkey-server, %s | %s | %s | %s | %s | %s | %s |\n' "$db" "$(field "$work/$db.json" import_seconds)" "$(field "$work/$db.json" peak_rss_mib)" \
      "$(field "$work/$db.json" peak_rss_mib_before)" "$(field "$work/$db.json" pages)" "$(field "$work/$db.json" page_p50_ms)" "$(field "$work/$db.json" page_p99_ms)"
  done
} > "$out"
cat "$out"
