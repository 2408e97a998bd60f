#!/usr/bin/env bash
# Leak check of MPFloat: builds the mp-stress program (Sources/mp-stress:
# 10^6 operations with temporaries — arithmetic, in-place forms, functions,
# constants, decimal text, copy-on-write copies, values from other tasks)
# and runs it under valgrind memcheck. Fails (exit 1) on any error or on
# memory definitely or indirectly lost. Not part of `swift test`.
#
# Usage: scripts/leakcheck.sh [operations]   (default 1000000)
#        scripts/leakcheck.sh --self-test    (a run that leaks on purpose must fail)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--self-test" ]; then
  if "$0" 2000 --leak >/dev/null 2>&1; then
    echo "leakcheck self-test: FAILED (a deliberate leak was not reported)" >&2; exit 1
  fi
  echo "leakcheck self-test: OK (the deliberate leak was reported)"; exit 0
fi
ops="${1:-1000000}"
extra="${2:-}"
command -v valgrind >/dev/null || { echo "leakcheck: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
swift build -c release --product mp-stress >/dev/null
bin="$(swift build -c release --show-bin-path)/mp-stress"
log="$(mktemp)"
status=0
valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
  "$bin" "$ops" $extra 2>"$log" || status=$?
grep -E "mp-stress|ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|in use at exit|total heap usage" "$log" \
  | sed 's/^==[0-9]*== //'
if [ "$status" -ne 0 ]; then
  echo "leakcheck: FAILED (valgrind exit $status); full log: $log" >&2
  exit 1
fi
rm -f "$log"
echo "leakcheck: OK"
