#!/usr/bin/env bash
# The GD loop of `lfp_gd` / `fprinciple lfp train` (two-layer ReLU network, 5 points,
# full-batch GD to loss 1e-8) against numpy float64 running the same number of steps
# of the same network, in one run; prints nanoseconds per neuron and step (CPU time of
# each process) and the ratio numpy/this (> 1: this engine is faster).
#   [REPEATS=3] Benchmarks/lfp-gd/run.sh [WIDTH ...]      (default widths 2000 8000 32000)
# FPRINCIPLE=PATH times another fprinciple binary (e.g. a previous engine) instead of
# building this checkout's release binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/blas-env.sh
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
if [ -n "${FPRINCIPLE:-}" ]; then BIN=$FPRINCIPLE; else
  swift build -c release --product fprinciple >&2
  BIN=$(swift build -c release --show-bin-path)/fprinciple
fi
OUT=Benchmarks/.out/lfp-gd
mkdir -p "$OUT"
printf 'x1,y\n-0.8,0.25\n-0.6,-0.25\n-0.3,-0.07\n-0.06,0.15\n0.1,-0.05\n' >"$OUT/data.csv"
printf 'x1\n0\n' >"$OUT/grid.csv"
REPEATS=${REPEATS:-3}
widths=("$@")
[ ${#widths[@]} -eq 0 ] && widths=(2000 8000 32000)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "| width | steps | this engine, ns per neuron-step (CPU) | numpy, ns per neuron-step (CPU) | ratio numpy/this |"
echo "|---|---|---|---|---|"
for m in "${widths[@]}"; do
  best_s="" best_p=""
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -f "%U %S" -o "$OUT/time" "$BIN" lfp train --data "$OUT/data.csv" --width "$m" --activation relu \
      --w uniform:-1,1 --b uniform:-1,1 --a uniform:-0.1,0.1 --seed 1 --at "$OUT/grid.csv" --json >"$OUT/swift.json"
    steps=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['steps'])" "$OUT/swift.json")
    s=$(awk -v m="$m" -v n="$steps" '{ printf "%.3f", ($1 + $2) / (m * n) * 1e9 }' "$OUT/time")
    # numpy: a tenth of the steps (it is much slower), the same per-step work.
    peer_steps=$(( steps / 10 > 100 ? steps / 10 : 100 ))
    p=$("$PY" Benchmarks/lfp-gd/peer.py "$m" "$peer_steps" 1 | sed -n 's/.*cpu=\([0-9.]*\).*/\1/p' |
      awk -v m="$m" -v n="$peer_steps" '{ printf "%.3f", $1 / (m * n) * 1e9 }')
    best_s=$(awk -v a="${best_s:-1e30}" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
    best_p=$(awk -v a="${best_p:-1e30}" -v b="$p" 'BEGIN { print (b < a ? b : a) }')
  done
  echo "| $m | $steps | $best_s | $best_p | $(awk -v a="$best_p" -v b="$best_s" 'BEGIN { printf "%.1f", a / b }') |"
done
