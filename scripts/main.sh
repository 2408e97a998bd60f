#!/usr/bin/env bash
# The main job: installs missing system packages, builds the release CLI and
# runs the default job (currently: an example evaluation with the CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build -c release --product fprinciple
.build/release/fprinciple eval 'exp(-x^2) * cos(5*x) + gamma(1/3)' --set x=0.5 --digits 60
