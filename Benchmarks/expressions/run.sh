#!/usr/bin/env bash
# Expression evaluation vs hand-written MPFloat (same run). Usage: run.sh [n]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product expr-bench
.build/release/expr-bench "${1:-20000}"
# python-flint on the same balls (install: pip install python-flint).
python3 Benchmarks/expressions/peer_flint.py "${1:-20000}" || echo "python-flint missing: pip install python-flint"
