#!/usr/bin/env bash
# Quadrature benchmark: Swift `quad-bench` (release) against mpmath quad/quadosc
# and python-flint acb.integral on the same integrals at DIGITS (default 100).
# Usage: Benchmarks/quadrature/run.sh [DIGITS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
DIGITS="${1:-100}"
REPEATS="${2:-5}"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -c "import mpmath, flint" 2>/dev/null || .venv/bin/pip install -q mpmath python-flint
swift build -c release --product quad-bench
mkdir -p Benchmarks/.out
.build/release/quad-bench "$DIGITS" "$REPEATS" > Benchmarks/.out/quad-swift.tsv
.venv/bin/python Benchmarks/quadrature/peer.py "$DIGITS" "$REPEATS" Benchmarks/.out/quad-swift.tsv
# Complex path rows (Γ segment, ζ contour, exp(z²) arc) at 50 digits: the certified engine of
# `fprinciple integrate --path` against python-flint and mpmath, in-process timings.
.build/release/quad-bench 50 "$REPEATS" paths > Benchmarks/.out/quad-paths.tsv
.venv/bin/python Benchmarks/quadrature/paths.py 50 "$REPEATS" Benchmarks/.out/quad-paths.tsv
