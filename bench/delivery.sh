#!/usr/bin/env bash
# `make bench` for software delivery: a 500 MB release downloaded from latchkey-server
# (GET /v1/releases/{id}/file, with a user's bearer token and the Download role) beside nginx
# serving the same file from the same folder, on the same machine, with the same client (curl);
# the server's memory while it serves (one download, then four at once); and what resuming costs
# (time to the first byte of a range from the middle, against a request from the start).
# Writes bench/results/delivery.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-500}
PASSWORD='benchmark passphrase of some length'
EMAIL=bench-download@bench.example
port=18095 nginx_port=18096
work=$(mktemp -d /tmp/latchkey-delivery-bench-XXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p bench/results
command -v nginx >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx-light >/dev/null
./scripts/python-env.sh >/dev/null

cargo build --release -q -p latchkey-server
server=$PWD/target/release/latchkey-server
export LATCHKEY_DATA_DIR=$work/server LATCHKEY_LISTEN=127.0.0.1:$port LATCHKEY_PUBLIC_URL=http://127.0.0.1:$port \
  LATCHKEY_MAIL_DIR=$work/mail LATCHKEY_LOG=warn
org=$($server org create --name "Bench Delivery" --contact-email bench-fc@bench.example --contact-first-name B \
  --contact-last-name M --contact-country GB --product suite --json | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["id"])')
$server users add --org "$org" --email $EMAIL --first-name D --last-name L --country GB --role product_delivery_download >/dev/null
head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom > "$work/suite.bin"
release=$($server release publish --product suite --version 1.0.0 --platform linux-x64-deb --file "$work/suite.bin" --json \
  | .venv/bin/python -c 'import json,sys; r=json.load(sys.stdin); print(r["id"], r["sha256"])')
read -r release_id sha256 <<<"$release"
rm "$work/suite.bin"
$server serve 2>"$work/server.log" & server_pid=$!; pids+=($server_pid)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
# The member's password (forgot → the mailed code → reset), then a session and its access token.
curl -sf -X POST "http://127.0.0.1:$port/v1/password/forgot" -H 'content-type: application/json' -d "{\"email\":\"$EMAIL\"}" >/dev/null
for _ in $(seq 50); do ls "$work"/mail/* >/dev/null 2>&1 && break; sleep 0.1; done
code=$(grep -ohE '\b[0-9]{8}\b' "$(ls -t "$work"/mail/* | head -1)" | head -1)
curl -sf -X POST "http://127.0.0.1:$port/v1/password/reset" -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"code\":\"$code\",\"new_password\":\"$PASSWORD\"}" >/dev/null
$server tos publish --version bench --title Bench --file <(echo '# Terms') >/dev/null
session=$(curl -sf -X POST "http://127.0.0.1:$port/v1/sessions" -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}")
ticket=$(.venv/bin/python -c 'import json,sys; print(json.loads(sys.argv[1])["tos_ticket"])' "$session")
token=$(curl -sf -X POST "http://127.0.0.1:$port/v1/tos/accept" -H 'content-type: application/json' \
  -d "{\"tos_ticket\":\"$ticket\",\"version\":\"bench\"}" | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

# nginx serves the very file the server stores, from the same disk.
cat > "$work/nginx.conf" <<EOF
worker_processes 1;
# The data folder is private to its owner (the server makes it so): read it as that owner.
user root;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$nginx_port; root $work/server/releases; }
}
EOF
nginx -c "$work/nginx.conf"
for _ in $(seq 50); do curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$nginx_port/$sha256" && break; sleep 0.1; done
curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$nginx_port/$sha256" || { echo "nginx does not serve the release file" >&2; cat "$work/nginx-error.log" >&2; exit 1; }

latchkey_url="http://127.0.0.1:$port/v1/releases/$release_id/file"
nginx_url="http://127.0.0.1:$nginx_port/$sha256"
get() { curl -sf -o /dev/null -w '%{speed_download} %{size_download}\n' "$@"; }
: > "$work/latchkey.speeds"; : > "$work/nginx.speeds"
# Page cache warm for both, then alternate so that neither gets a quieter moment.
get "$nginx_url" >/dev/null
for _ in $(seq "$RUNS"); do
  get -H "authorization: Bearer $token" "$latchkey_url" >> "$work/latchkey.speeds"
  get "$nginx_url" >> "$work/nginx.speeds"
done

# Memory: the server's resident set sampled every 50 ms through one download, then four at once.
rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
sample() { while kill -0 "$1" 2>/dev/null; do rss; sleep 0.05; done; }
idle_kb=$(rss)
curl -s -o /dev/null -H "authorization: Bearer $token" "$latchkey_url" & one=$!
sample $one > "$work/rss-one"
downloads=()
for _ in 1 2 3 4; do curl -s -o /dev/null -H "authorization: Bearer $token" "$latchkey_url" & downloads+=($!); done
sample "${downloads[3]}" > "$work/rss-four"
wait "${downloads[@]}"

# Resuming: time to the first byte of the last 1 MiB (a resume near the end), of the middle,
# and of a request from the start, each the median of 20.
ttfb() { # url range -> median seconds to the first byte
  for _ in $(seq 20); do curl -s -o /dev/null -r "$2" -w '%{time_starttransfer}\n' "${@:3}" "$1"; done | sort -n | sed -n 10p
}
half=$((SIZE_MB * 512 * 1024))
last=$((SIZE_MB * 1024 * 1024 - 1048576))
resume_latchkey_start=$(ttfb "$latchkey_url" 0-1048575 -H "authorization: Bearer $token")
resume_latchkey_half=$(ttfb "$latchkey_url" "$half-$((half + 1048575))" -H "authorization: Bearer $token")
resume_latchkey_end=$(ttfb "$latchkey_url" "$last-" -H "authorization: Bearer $token")
resume_nginx_start=$(ttfb "$nginx_url" 0-1048575)
resume_nginx_half=$(ttfb "$nginx_url" "$half-$((half + 1048575))")
resume_nginx_end=$(ttfb "$nginx_url" "$last-")
audited=$(sqlite3 "$work/server/latchkey.db" "SELECT COUNT(*) FROM audit_log WHERE event = 'release.download'" 2>/dev/null || echo "?")

.venv/bin/python - "$work" "$SIZE_MB" "$RUNS" "$idle_kb" "$audited" \
  "$resume_latchkey_start" "$resume_latchkey_half" "$resume_latchkey_end" "$resume_nginx_start" "$resume_nginx_half" "$resume_nginx_end" \
  > bench/results/delivery.md <<'PY'
import statistics, sys, platform, datetime, os
work, size_mb, runs, idle_kb, downloads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ttfb = [float(x) * 1000 for x in sys.argv[6:12]]
def speeds(name):
    rows = [l.split() for l in open(f"{work}/{name}.speeds") if l.strip()]
    assert len(rows) == runs and all(int(r[1]) == size_mb * 1024 * 1024 for r in rows), f"{name}: not every download was whole: {rows}"
    return [float(r[0]) / 1e6 for r in rows]
ours, theirs = speeds("latchkey"), speeds("nginx")
def rss(name):
    values = [int(l) for l in open(f"{work}/rss-{name}") if l.strip()]
    return min(values) / 1024, max(values) / 1024
one, four = rss("one"), rss("four")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%MZ} on {os.cpu_count()} × {cpu}; command `./bench/delivery.sh` "
      f"(in `make bench`); a {size_mb} MiB release of random bytes, curl over loopback, {runs} downloads each, alternating.\n")
print("| | latchkey-server | nginx 1.22 (sendfile) | latchkey / nginx |")
print("|---|---|---|---|")
m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
print(f"| download throughput, median MB/s | {m_ours:.0f} | {m_theirs:.0f} | **{m_ours / m_theirs:.0%}** |")
print(f"| slowest of {runs}, MB/s | {min(ours):.0f} | {min(theirs):.0f} | |")
print(f"| first byte of a 1 MiB range at the start, ms | {ttfb[0]:.2f} | {ttfb[3]:.2f} | |")
print(f"| first byte of a 1 MiB range from the middle (a resume), ms | {ttfb[1]:.2f} | {ttfb[4]:.2f} | |")
print(f"| first byte of the last 1 MiB (a resume near the end), ms | {ttfb[2]:.2f} | {ttfb[5]:.2f} | |")
print()
print(f"Server memory (VmRSS): {idle_kb / 1024:.1f} MiB idle before; {one[0]:.1f}–{one[1]:.1f} MiB through one download; "
      f"{four[0]:.1f}–{four[1]:.1f} MiB through four at once. Audited downloads in the run: {downloads}.")
PY
cat bench/results/delivery.md
