#!/usr/bin/env bash
# `make bench` for bot protection: the proof-of-work solvers at each difficulty side by side with
# altcha-lib (ALTCHA's own library, the idea this follows) at the same expected work, and what a
# proof costs latchkey-server per request (over HTTP, SQLite) beside altcha-lib's verifySolution.
# Writes bench/results/pow.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${SAMPLES:-20}
REQUESTS=${REQUESTS:-500}
work=$(mktemp -d /tmp/latchkey-pow-bench-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

cargo build --release -q -p latchkey-server -p latchkey-loadgen
loadgen=./target/release/latchkey-loadgen
(cd bench/pow-peer && { [ -d node_modules ] || npm ci --silent --no-audit --no-fund; })

$loadgen pow-solve --difficulties 14,16,18,20,22 --samples "$SAMPLES" > "$work/agent.json"
# altcha-lib hashes through one Web Crypto await per try: past 16 bits a sample takes minutes.
(cd bench/pow-peer && DIFFICULTIES=14,16,18,20,22 ALTCHA_MAX=16 SAMPLES=$SAMPLES node bench.mjs) > "$work/node.json"

# A server whose free allowance never runs out and whose base difficulty is 1 bit: the figures
# are the server's cost, not the client's work (solved before the timed request).
port=18095
dir=$work/server
mkdir -p "$dir"
env LATCHKEY_DATA_DIR="$dir" LATCHKEY_DATABASE_URL="sqlite://$dir/latchkey.db" LATCHKEY_LISTEN=127.0.0.1:$port \
  LATCHKEY_MAIL_DIR="$dir/mail" LATCHKEY_LOG=warn LATCHKEY_POW_DIFFICULTY=1 \
  LATCHKEY_POW_FREE_PER_ADDRESS=1000000/15m LATCHKEY_POW_FREE_PER_NETWORK=1000000/15m LATCHKEY_LIMIT_CODES_PER_IP=1000000/15m \
  ./target/release/latchkey-server serve 2>"$dir/log" & pids+=($!)
$loadgen wait --url "http://127.0.0.1:$port/healthz" >/dev/null
$loadgen pow-server --url "http://127.0.0.1:$port" --requests "$REQUESTS" > "$work/server.json"

out=bench/results/pow.md
mkdir -p bench/results
python3 - "$work" "$SAMPLES" "$REQUESTS" > "$out" <<'PY'
import json, os, platform, subprocess, sys, datetime
work, samples, requests = sys.argv[1], sys.argv[2], sys.argv[3]
agent = json.load(open(f"{work}/agent.json"))
node = json.load(open(f"{work}/node.json"))
server = json.load(open(f"{work}/server.json"))
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Command: `make bench` (bench/pow.sh, SAMPLES={samples}, REQUESTS={requests})  ")
print(f"Date: {datetime.datetime.utcnow():%Y-%m-%dT%H:%MZ}  ")
print(f"Machine: {os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}, Node {node['node']}")
print()
print("Mean solve time (ms, p50 in brackets) at each difficulty: 2^d hashes expected. altcha-lib at the same expected work (maxnumber = 2^(d+1)).")
print()
print("| difficulty (bits) | Latchkey agent (Rust, desktop app and CLI) | Latchkey portal script (JS, run in Node) | altcha-lib v1 solveChallenge (Node) |")
print("|---|---|---|---|")
altcha = {r["difficulty"]: r for r in node["altcha_solve"]}
portal = {r["difficulty"]: r for r in node["portal_solve"]}
cell = lambda r: f"{r['mean_ms']:.1f} ({r['p50_ms']:.1f})" if r else "not run (minutes per sample)"
for row in agent["rows"]:
    d = row["difficulty"]
    print(f"| {d} | {cell(row)} | {cell(portal.get(d))} | {cell(altcha.get(d))} |")
rate = sum(r["hashes_per_second"] for r in agent["rows"]) / len(agent["rows"])
print()
print(f"The agent's solver hashes {rate/1e6:.1f} million candidates a second on one core.")
print()
print(f"Server cost per request ({server['requests']} sequential requests on one connection, SQLite, unknown addresses):")
print()
print("| request | p50 ms | p90 ms |")
print("|---|---|---|")
for key, label in [("challenge", "POST /v1/challenge (count, MAC)"), ("forgot_without_proof", "POST /v1/password/forgot, no proof (within the free allowance)"), ("forgot_with_proof", "POST /v1/password/forgot with a solved proof (MAC, one SHA-256, spent-challenge write)")]:
    print(f"| {label} | {server[key]['p50_ms']:.3f} | {server[key]['p90_ms']:.3f} |")
print(f"| altcha-lib verifySolution, in process, no replay store | {node['altcha_verify_us']/1000:.3f} | |")
PY
cat "$out"
