#!/usr/bin/env bash
# `make bench`: the refresh grant of latchkey-server (SQLite and PostgreSQL) side by side with the
# oidc-provider npm package's refresh_token grant, in one run on this machine and with one load
# tool (bench/loadgen, loopback only); refresh latency under a flood of Argon2 sign-ins; idle
# memory and start-up time. Writes the figures to bench/results/latest.md and prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
for port in 18081 18082 18083; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is in use: stop what serves it first" >&2; exit 1; fi
done
CONCURRENCY=${CONCURRENCY:-32}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
TOKENS=$((CONCURRENCY * 2))
PASSWORD='benchmark passphrase of some length'
work=$(mktemp -d /tmp/latchkey-bench-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

./scripts/python-env.sh
cargo build --release -q -p latchkey-server -p latchkey-loadgen
server=./target/release/latchkey-server
loadgen=./target/release/latchkey-loadgen
(cd bench/oidc-provider && { [ -d node_modules ] || npm ci --silent --no-audit --no-fund; })
# A durable PostgreSQL (fsync on, the defaults), separate from the tests' cluster.
pg_admin=$(./scripts/postgres.sh /tmp/latchkey-bench-pg 54330)

start_latchkey() { # name database_url port -> starts, waits, mints tokens
  local name=$1 db=$2 port=$3 dir=$work/$1
  mkdir -p "$dir"
  local env=(LATCHKEY_DATA_DIR=$dir LATCHKEY_DATABASE_URL=$db LATCHKEY_LISTEN=127.0.0.1:$port LATCHKEY_MAIL_DIR=$dir/mail LATCHKEY_LOG=warn)
  env "${env[@]}" $server org create --name "Bench $name" --contact-email "bench-$name@bench.example" \
    --contact-first-name B --contact-last-name M --contact-country GB --product suite >/dev/null
  env "${env[@]}" $server serve 2>"$dir/log" & pids+=($!); echo $! > "$dir/pid"
  $loadgen wait --url "http://127.0.0.1:$port/healthz" > "$dir/startup.json"
  sleep 2
  grep VmRSS "/proc/$(cat "$dir/pid")/status" | awk '{print $2}' > "$dir/rss_kb"
  .venv/bin/python bench/mint_tokens.py "http://127.0.0.1:$port" "bench-$name@bench.example" "$PASSWORD" "$dir/mail" "$TOKENS" "$dir/tokens"
}

refresh() { # label url tokens [flood args...]
  local label=$1 url=$2 tokens=$3; shift 3
  $loadgen refresh --url "$url" --tokens "$tokens" --concurrency "$CONCURRENCY" --seconds "$SECONDS_PER_RUN" "$@" > "$work/$label.json"
}

psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS latchkey_bench" -c "CREATE DATABASE latchkey_bench"
start_latchkey sqlite "sqlite://$work/sqlite/latchkey.db?mode=rwc" 18081
start_latchkey postgres "${pg_admin%/*}/latchkey_bench" 18082

# exec: the recorded pid must be node's own, or the cleanup would leave it serving the port.
(cd bench/oidc-provider && PORT=18083 TOKENS=$TOKENS TOKENS_FILE=$work/oidc-tokens SCOPE=offline_access exec node server.js > "$work/oidc.out" 2>&1) & pids+=($!)
for _ in $(seq 200); do grep -q ready "$work/oidc.out" 2>/dev/null && break; sleep 0.1; done

refresh latchkey-sqlite http://127.0.0.1:18081/oauth2/token "$work/sqlite/tokens"
refresh latchkey-postgres http://127.0.0.1:18082/oauth2/token "$work/postgres/tokens"
refresh oidc-provider http://127.0.0.1:18083/token "$work/oidc-tokens"

# Refresh while sign-ins flood the server: every flood request runs Argon2id (right password).
flood_body="{\"email\":\"bench-sqlite@bench.example\",\"password\":\"$PASSWORD\"}"
.venv/bin/python bench/mint_tokens.py http://127.0.0.1:18081 bench-sqlite@bench.example "$PASSWORD" "$work/sqlite/mail" "$TOKENS" "$work/sqlite/tokens2"
CONCURRENCY_SAVED=$CONCURRENCY; CONCURRENCY=8
refresh latchkey-sqlite-flood http://127.0.0.1:18081/oauth2/token "$work/sqlite/tokens2" \
  --flood-url http://127.0.0.1:18081/v1/sessions --flood-body "$flood_body" --flood-concurrency 16
CONCURRENCY=$CONCURRENCY_SAVED

field() { .venv/bin/python -c "import json,sys; print(round(json.load(open(sys.argv[1]))[sys.argv[2]], 1))" "$1" "$2"; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(field "$work/$2.json" throughput_per_second)" "$(field "$work/$2.json" p50_ms)" "$(field "$work/$2.json" p99_ms)" "$(field "$work/$2.json" errors)" "$3"; }
oidc_version=$(node -p "require('./bench/oidc-provider/node_modules/oidc-provider/package.json').version")
out=bench/results/latest.md
mkdir -p bench/results
{
  echo "Command: \`make bench\` (CONCURRENCY=$CONCURRENCY, ${SECONDS_PER_RUN} s per run after 1 s warm-up)  "
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ)  "
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:\s*//p' | head -1), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo
  echo "| refresh grant, $CONCURRENCY clients | requests/s | p50 ms | p99 ms | errors | state |"
  echo "|---|---|---|---|---|---|"
  row "latchkey-server, SQLite (WAL)" latchkey-sqlite "durable (WAL, synchronous=NORMAL)"
  row "latchkey-server, PostgreSQL 15" latchkey-postgres "durable (fsync on)"
  row "oidc-provider $oidc_version (Node $(node --version))" oidc-provider "in memory"
  echo
  echo "| refresh during an Argon2 sign-in flood (8 refresh clients, 16 sign-in clients), SQLite | requests/s | p50 ms | p99 ms | errors | sign-ins/s |"
  echo "|---|---|---|---|---|---|"
  row "latchkey-server" latchkey-sqlite-flood "$(.venv/bin/python -c "import json; r=json.load(open('$work/latchkey-sqlite-flood.json')); print(round(r['flood_requests']/r['seconds'],1))")"
  echo
  echo "| idle server | start-up to first /healthz (ms) | RSS after start-up (MiB) |"
  echo "|---|---|---|"
  for db in sqlite postgres; do
    printf '| latchkey-server, %s | %s | %s |\n' "$db" "$(field "$work/$db/startup.json" ready_after_ms)" "$(awk '{printf "%.1f", $1/1024}' "$work/$db/rss_kb")"
  done
} > "$out"
cat "$out"
