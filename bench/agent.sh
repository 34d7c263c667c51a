#!/usr/bin/env bash
# `make bench` for the agent (run inside scripts/with-keyring.sh, for a real Secret Service):
# POST /v1/token from the agent's cache through the SDK beside the floor (a minimal HTTP echo on
# the same kind of Unix socket) with 1 and 32 callers, with per-app consent checking every call
# (ConsentMode prompt, the callers allowed once and remembered) and with consent off (allow); `latchkey token` as a whole process beside
# `oidc-token` (oidc-agent's cached token), `secret-tool lookup` and the start-up floor (`true`);
# the idle agent's memory and its start-up time to a served status.
# Writes bench/results/agent.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
ROUNDS=${ROUNDS:-3}
PASSWORD='benchmark passphrase of some length'
EMAIL=fulfillment@demo.latchkey.test
work=$(mktemp -d /tmp/latchkey-agent-bench-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
mkdir -p bench/results
command -v hyperfine >/dev/null || { apt-get install -y -q --no-install-recommends hyperfine >/dev/null; }

cargo build --release -q -p latchkey-server -p latchkey-cli -p latchkey-localbench
./scripts/static-cli.sh
server=$PWD/target/release/latchkey-server
latchkey=$PWD/target/release/latchkey
bench=$PWD/target/release/latchkey-localbench
port=18091
export LATCHKEY_DATA_DIR=$work/server LATCHKEY_LISTEN=127.0.0.1:$port LATCHKEY_PUBLIC_URL=http://127.0.0.1:$port LATCHKEY_LOG=warn
$server demo >/dev/null
$server serve 2>"$work/server.log" & pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
unset LATCHKEY_DATA_DIR LATCHKEY_LISTEN LATCHKEY_PUBLIC_URL

mkdir -m 700 "$work/run"
export LATCHKEY_SERVER_URL=http://127.0.0.1:$port XDG_RUNTIME_DIR=$work/run XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
socket=$work/run/latchkey/agent.sock
$bench startup --bin "$latchkey" --socket "$socket" --runs 10 > "$work/startup.json"

$latchkey agent 2>"$work/agent.log" & agent=$!; pids+=($agent)
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.05; done
$latchkey forgot-password --email $EMAIL 2>/dev/null
sleep 1
code=$(grep -ohE '\b[0-9]{8}\b' "$(ls -t "$work"/server/mail/* | head -1)" | head -1)
echo "$PASSWORD" | $latchkey reset-password --email $EMAIL --code "$code" --password-stdin 2>/dev/null
echo "$PASSWORD" | $latchkey sign-in --email $EMAIL --password-stdin --accept-tos >/dev/null 2>&1
# Consent (the default mode, prompt): the benchmark and `latchkey token` each ask once and are
# allowed for good, as a user would, so every measured call passes the consent check.
for caller in "$latchkey token" "$bench token --socket $socket --concurrency 1 --seconds 1"; do
  $caller >/dev/null & asking=$!
  $latchkey apps approve --always --wait 20 >/dev/null 2>&1
  wait $asking
done

$bench echo --socket "$work/echo.sock" & pids+=($!)
for _ in $(seq 100); do [ -S "$work/echo.sock" ] && break; sleep 0.05; done
# The agent restarted in a consent mode (its session comes back from the keyring), its cache warm.
start_agent() {
  kill "$agent"; wait "$agent" 2>/dev/null || true
  LATCHKEY_CONSENT_MODE=$1 $latchkey agent 2>>"$work/agent.log" & agent=$!; pids+=($agent)
  for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.05; done
  $latchkey token >/dev/null
}
# Rounds alternate consent checked (prompt, the caller remembered as allowed), consent off (allow)
# and the floor, so that a slower minute of this shared machine weighs on all three alike; the
# table gives each one's median over the rounds.
for round in $(seq "$ROUNDS"); do
  for mode in prompt allow; do
    start_agent $mode
    for c in 1 32; do
      $bench token --socket "$socket" --concurrency $c --seconds "$SECONDS_PER_RUN" > "$work/$mode-$c-$round.json"
    done
  done
  for c in 1 32; do
    $bench token --socket "$work/echo.sock" --concurrency $c --seconds "$SECONDS_PER_RUN" --floor > "$work/floor-$c-$round.json"
  done
done
start_agent prompt # as shipped, for the rest

sleep 2
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$agent/status")
# What credential-helper style tools do per request: read the secret from Secret Service.
printf %s "$(head -c 43 /dev/urandom | base64 | tr -d '/+=' | head -c 43)" | secret-tool store --label bench service latchkey-bench username bench
# The peer the issue names: oidc-token asking a running oidc-agent for its cached access token,
# with an account made from a refresh token of the oidc-provider peer (bench/oidc-provider).
command -v oidc-token >/dev/null || { apt-get install -y -q --no-install-recommends oidc-agent-cli >/dev/null; }
(cd bench/oidc-provider && { [ -d node_modules ] || npm ci --silent --no-audit --no-fund; })
(cd bench/oidc-provider && PORT=18084 TOKENS=1 TOKENS_FILE=$work/oidc-tokens CLIENT_SECRET=bench-secret exec node server.js > "$work/oidc.out" 2>&1) & pids+=($!)
for _ in $(seq 100); do grep -q ready "$work/oidc.out" 2>/dev/null && break; sleep 0.1; done
export OIDC_SOCK=$work/oidc-agent.sock OIDC_CONFIG_DIR=$work/oidc-config
oidc-agent --console --socket-path="$OIDC_SOCK" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do [ -S "$OIDC_SOCK" ] && break; sleep 0.05; done
oidc-gen bench --issuer=http://127.0.0.1:18084 --client-id=latchkey-desktop --client-secret=bench-secret \
  --rt="$(head -1 "$work/oidc-tokens")" --scope="openid offline_access" --prompt=none --pw-cmd="echo bench" \
  --confirm-default --no-url-call >/dev/null
oidc-token bench >/dev/null
hyperfine -N --warmup 5 --runs 300 --export-json "$work/process.json" \
  "$latchkey token" "oidc-token bench" "secret-tool lookup service latchkey-bench username bench" \
  "$latchkey --version" "$PWD/target/release/latchkey-agent --version" "true" >/dev/null 2>&1

python3 - "$work" "$rss_kb" "$ROUNDS" <<'PY' | tee bench/results/agent.md
import json, sys, platform, subprocess, datetime, statistics
work, rss, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
load = lambda n: json.load(open(f"{work}/{n}.json"))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, {platform.platform()}")
print("\n| POST /v1/token, cached | callers | requests/s | p50 µs | p99 µs |\n|---|---|---|---|---|")
labels = {"prompt": "latchkey agent via the SDK, consent checked (prompt, caller allowed)",
          "allow": "latchkey agent via the SDK, consent off (allow)",
          "floor": "floor: minimal HTTP echo, same socket kind"}
def median(name, c, field):
    return statistics.median(load(f"{name}-{c}-{r}")[field] for r in range(1, rounds + 1))
print(f"(median of {rounds} alternating rounds each)")
for c in (1, 32):
    for name in ("prompt", "allow", "floor"):
        print(f"| {labels[name]} | {c} | {median(name, c, 'requests_per_second'):,.0f} | {median(name, c, 'p50_us'):.0f} | {median(name, c, 'p99_us'):.0f} |")
for c in (1, 32):
    for name in ("prompt", "allow"):
        print(f"\np99 {labels[name]} / floor, {c} caller(s): {median(name, c, 'p99_us') / median('floor', c, 'p99_us'):.2f}×")
    print("p99 per round (consent checked, off, floor): " + "; ".join(
        f"{load(f'prompt-{c}-{r}')['p99_us']:.0f}, {load(f'allow-{c}-{r}')['p99_us']:.0f}, {load(f'floor-{c}-{r}')['p99_us']:.0f}" for r in range(1, rounds + 1)))
p = load("process")["results"]
print("\n| whole process | mean ms | σ ms | min ms | median ms |\n|---|---|---|---|---|")
for r in p:
    print(f"| `{r['command'].split('/')[-1]}` | {r['mean']*1000:.2f} | {r['stddev']*1000:.2f} | {r['min']*1000:.2f} | {r['median']*1000:.2f} |")
s = load("startup")
print(f"\nAgent idle RSS after sign-in: {rss/1024:.1f} MiB. Start-up to a served `GET /v1/status`: median {s['startup_ms_median']:.1f} ms, max {s['startup_ms_max']:.1f} ms over {s['runs']} starts.")
PY
