#!/usr/bin/env bash
# A bounded AFL++ run of the local API's request handling (fuzz/src/main.rs). FUZZ_SECONDS (600 by
# default) bounds it; the result (executions, paths, crashes, hangs) is printed and kept in
# fuzz/out. Fails when AFL++ saved a crash or a hang.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-afl >/dev/null || cargo install cargo-afl --locked -q
[ -n "$(ls ~/.local/share/afl.rs/rustc-*/afl.rs-*/afl/bin/afl-fuzz 2>/dev/null)" ] || cargo afl config --build --force >/dev/null
cd fuzz
cargo afl build --release -q
rm -rf out
AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_BENCH_UNTIL_CRASH=0 \
  cargo afl fuzz -V "${FUZZ_SECONDS:-600}" -i seeds -o out target/release/local-api >out.log 2>&1 || { tail -20 out.log; exit 1; }
stats=out/default/fuzzer_stats
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|stability)' "$stats"
crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /,"",$2); print $2}' "$stats")
hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /,"",$2); print $2}' "$stats")
[ "$crashes" = 0 ] && [ "$hangs" = 0 ] || { echo "AFL++ found $crashes crashes and $hangs hangs: see fuzz/out/default" >&2; exit 1; }
