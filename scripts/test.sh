#!/usr/bin/env bash
# The test command: installs missing system packages, builds, runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
. scripts/blas-env.sh
swift build --build-tests
swift test --skip-build "$@"
