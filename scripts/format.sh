#!/usr/bin/env bash
# Layout of the Swift sources by swift-format (shipped with the Swift toolchain),
# configured in .swift-format (2-space indentation, lines of at most 120 characters).
#   bash scripts/format.sh           rewrites the files in place
#   bash scripts/format.sh --check   lists every deviation and exits 1 if there is one (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Benchmarks FuzzTargets Package.swift)
if [ "${1:-}" = "--check" ]; then
  out=$(swift format lint --strict --recursive "${paths[@]}" 2>&1) || true
  if [ -n "$out" ]; then
    echo "$out"
    echo "swift-format: the files above deviate from .swift-format; run bash scripts/format.sh" >&2
    exit 1
  fi
  echo "swift-format: layout ok"
else
  swift format --in-place --recursive "${paths[@]}"
fi
