#!/usr/bin/env bash
# Training throughput: this engine (release build of train-bench) against PyTorch
# CPU float64 with the same thread count, in one run.
#   [REPEATS=3] Benchmarks/training/run.sh [THREADS] [STEPS_1D] [STEPS_DIGITS]
# Needs torch in .venv (python3 -m venv .venv && .venv/bin/pip install torch numpy)
# or in the python3 on PATH. Prints steps/s for each engine and the ratio
# swift/torch (> 1: this engine is faster), plus both final losses (they start
# from the same network and should agree closely). TRAIN_BENCH=PATH uses a
# prebuilt train-bench instead of building one.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/blas-env.sh
THREADS=${1:-1}
STEPS_1D=${2:-1000}
STEPS_DIGITS=${3:-100}
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
OUT=Benchmarks/.out/training
mkdir -p "$OUT"
if [ -n "${TRAIN_BENCH:-}" ]; then
  BIN=$TRAIN_BENCH  # a prebuilt train-bench (e.g. --static-swift-stdlib, for a machine without Swift)
else
  swift build -c release --product train-bench >&2
  BIN=$(swift build -c release --show-bin-path)/train-bench
fi
export OPENBLAS_NUM_THREADS=$THREADS OMP_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
# Each engine runs REPEATS times, alternating, and the best steps/s of each is
# compared (the machine may be shared; the best run is the least disturbed one).
# Both rates are printed: per wall second and per CPU second of the process (on a
# loaded machine the CPU rate is the less disturbed measure; with one thread the two
# agree on an idle one). The load average is printed first.
REPEATS=${REPEATS:-3}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in "1d adam $STEPS_1D" "1d gd $STEPS_1D" "digits adam $STEPS_DIGITS" "digits gd $STEPS_DIGITS"; do
  set -- $run
  SB=0 TB=0 SC=0 TC=0
  for _ in $(seq "$REPEATS"); do
    S=$("$BIN" "$1" "$2" "$3" "$OUT")
    T=$("$PY" Benchmarks/training/peer.py "$1" "$2" "$3" "$OUT" "$THREADS")
    echo "$S"
    echo "$T"
    SB=$(best "$SB" "$(field "$S" steps_per_s)")
    TB=$(best "$TB" "$(field "$T" steps_per_s)")
    SC=$(best "$SC" "$(field "$S" cpu_steps_per_s)")
    TC=$(best "$TC" "$(field "$T" cpu_steps_per_s)")
  done
  awk -v a="$SB" -v b="$TB" -v ca="$SC" -v cb="$TC" -v s="$1 $2" -v th="$THREADS" -v r="$REPEATS" \
    -v la="$(field "$S" final_loss)" -v lb="$(field "$T" final_loss)" \
    'BEGIN { printf "RESULT %-12s threads=%s best of %s: swift=%.1f steps/s torch=%.1f steps/s ratio=%.2f  per CPU second: swift=%.1f torch=%.1f ratio=%.2f  final loss swift=%.12g torch=%.12g\n", s, th, r, a, b, a / b, ca, cb, ca / cb, la, lb }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
