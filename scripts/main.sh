#!/usr/bin/env bash
# The main job: installs missing system packages, builds the release CLI and
# runs the default verification over Theorems/*.toml, writing Reports/.
# Extra arguments go to `fprinciple verify` (e.g. --only ID, --quick, --json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
. scripts/blas-env.sh
swift build -c release --product fprinciple
.build/release/fprinciple verify --theorems Theorems --reports Reports "$@"
