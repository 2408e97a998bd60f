#!/usr/bin/env bash
# GradientFlow benchmark: this module's DOP853 (release build, flow-bench) vs
# scipy solve_ivp DOP853 at equal tolerance on the same two problems
# (200-dimensional linear flow; gradient flow of a 300-parameter 2-layer tanh
# network on 20 points). Prints times, ratio and each method's error against
# a reference. Usage: Benchmarks/gradientflow/run.sh [rtol] [repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/blas-env.sh
RTOL="${1:-1e-8}"
REPEATS="${2:-5}"
# Single-threaded BLAS on both sides (numpy links OpenBLAS too): a fair, steadier comparison.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
OUT="Benchmarks/.out/gradientflow"
mkdir -p "$OUT"
swift build -c release --product flow-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)/flow-bench"
PY="python3"
[ -x .venv/bin/python ] && PY=".venv/bin/python"
"$BIN" "$OUT" "$RTOL" "$REPEATS"
"$PY" Benchmarks/gradientflow/peer.py "$OUT" "$REPEATS"
