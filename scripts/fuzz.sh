#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers of user input (FuzzTargets/README.md).
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]
#
# TARGET: expressions, claims, theorems, csv, network-json, shards, or all (default);
# SECONDS per target (default 60). Builds the target's product with libFuzzer and
# AddressSanitizer in .build-fuzz (the libraries it imports are instrumented too),
# then runs it at the lowest CPU priority (nice 19) on its seed corpus
# Tests/Fuzz/<target>/corpus and regressions (read only) and a working corpus .build-fuzz/corpus/<target>
# (grows across runs), with the dictionary Tests/Fuzz/<target>/<target>.dict.
# Per input: a time-out of ${FUZZ_TIMEOUT:-60} s (wall clock: at nice 19 on a busy machine an input
# that takes 1 s of CPU can wait 10 s; replay a `timeout-…` input to time it) and 2 GiB of memory.
# Logs and crashing inputs go to ${FUZZ_OUT:-.build-fuzz/runs}/<target>/; the exit status is non-zero when any target
# found a crash, time-out or sanitizer report. Each run prints a summary line:
# target, seconds, CPU seconds, executions, coverage (cov: edges, ft: features), result.
#
# FUZZ_KEEP_GOING=1: libFuzzer's fork mode, which records every crash and keeps fuzzing (for
# unattended long runs; the exit status then does not tell, look for crash-* files).
# Long runs: scripts/fuzz.sh all 1800 (30 CPU-minutes a target; run it on an otherwise
# idle core). A crash reproduces without the sanitizer build:
#   swift run FuzzExpressions .build-fuzz/runs/expressions/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-all}
seconds=${2:-60}
out=${FUZZ_OUT:-.build-fuzz/runs}
all=(expressions claims theorems csv network-json shards)

product() {
  case "$1" in
    expressions) echo FuzzExpressions ;;
    claims) echo FuzzClaims ;;
    theorems) echo FuzzTheorems ;;
    csv) echo FuzzCSV ;;
    network-json) echo FuzzNetworkJSON ;;
    shards) echo FuzzShards ;;
    *) echo "unknown fuzz target '$1' (one of: ${all[*]}, all)" >&2; exit 2 ;;
  esac
}

# The longest input each target reads (its body ignores longer ones).
max_len() {
  case "$1" in
    expressions | claims) echo 1024 ;;
    shards) echo 65536 ;;
    *) echo 16384 ;;
  esac
}

if [[ "$target" == all ]]; then targets=("${all[@]}"); else product "$target" >/dev/null; targets=("$target"); fi

. scripts/blas-env.sh
flags=(
  -c debug --scratch-path .build-fuzz
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
  -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address
)
for t in "${targets[@]}"; do
  # ld.gold warns once per ASan helper symbol ("Cannot export local symbol"): noise.
  nice -n 19 swift build "${flags[@]}" --product "$(product "$t")" 2>&1 | grep -v "Cannot export local symbol" |
    grep -E "error|Compiling|Build" || true
  [[ -x .build-fuzz/debug/$(product "$t") ]] || { echo "fuzz build of $t failed" >&2; exit 1; }
done

# Inputs that once crashed a reader (each also a test in its module's test target) seed the run too.
declare -A regressions
for t in "${targets[@]}"; do
  [[ -d Tests/Fuzz/$t/regressions ]] && regressions[$t]=Tests/Fuzz/$t/regressions
done

status=0
for t in "${targets[@]}"; do
  mkdir -p "$out/$t" ".build-fuzz/corpus/$t"
  log="$out/$t/fuzz.log"
  start=$(date +%s)
  set +e
  # Swift's own backtracer would race libFuzzer's crash handler; libFuzzer reports.
  # LeakSanitizer is on except for theorems: TOMLKit 0.6.0's `TOMLTable(string:)` leaks its
  # parse-error buffer (about 200 bytes) on every call, reported on the first input.
  leaks=1
  [[ $t == theorems ]] && leaks=0
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=$leaks} \
    /usr/bin/time -f "%U %S" -o "$out/$t/cpu" nice -n 19 ".build-fuzz/debug/$(product "$t")" \
    ".build-fuzz/corpus/$t" "Tests/Fuzz/$t/corpus" ${regressions[$t]:-} -dict="Tests/Fuzz/$t/$t.dict" \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -artifact_prefix="$out/$t/" -print_final_stats=1 ${FUZZ_KEEP_GOING:+-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1} \
    >"$log" 2>&1
  rc=$?
  set -e
  cpu=$(tail -1 "$out/$t/cpu" | awk '{ printf "%.0f", $1 + $2 }' 2>/dev/null || echo "?")
  execs=$(grep -oE "^#[0-9]+" "$log" | tail -1 | tr -d '#' || true)
  cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+" "$log" | tail -1 || true)
  if [[ $rc == 0 ]]; then result=ok; else
    result="FAILED (exit $rc): $(grep -m1 -E "ERROR|SUMMARY|Fatal error|Test unit written" "$log" || true)"
    status=1
  fi
  echo "fuzz $t: $(($(date +%s) - start)) s, ${cpu} CPU s, ${execs:-?} executions, ${cov:-no coverage line}: $result"
done
exit $status
