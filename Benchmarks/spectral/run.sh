#!/usr/bin/env bash
# FFT benchmark: the Spectral FFT (release build, a reused FourierPlan, and a
# plan built per call) against numpy.fft.fft (pocketfft, which caches its
# plans) on the same sizes, measured in the same run; best of several
# repetitions each. Prints one line per size with the ratio ours/numpy
# (> 1: we are slower). Also prints the time of the Gaussian-filter weight
# matrix for n = 2000 points in d = 10 (no peer).
#
# Usage: Benchmarks/spectral/run.sh [sizes...]   (default 256 1024 4096 65536 1000 4095)
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(256 1024 4096 65536 1000 4095)
PY=python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
OUT=Benchmarks/.out/spectral
mkdir -p "$OUT"

swift build -c release --product spectral-bench >/dev/null
"$(swift build -c release --show-bin-path)/spectral-bench" "${SIZES[@]}" > "$OUT/swift.txt"

"$PY" - "${SIZES[@]}" > "$OUT/numpy.txt" <<'PYEOF'
import sys, timeit
import numpy as np
rng = np.random.default_rng(42)
for n in map(int, sys.argv[1:]):
    y = rng.uniform(-1, 1, n) + 1j * rng.uniform(-1, 1, n)
    reps = max(5, min(2000, 2_000_000 // n))
    np.fft.fft(y)  # plan cached
    t = min(timeit.repeat(lambda: np.fft.fft(y), number=1, repeat=reps))
    print("numpy", n, t)
PYEOF

"$PY" - "$OUT/swift.txt" "$OUT/numpy.txt" <<'PYEOF'
import sys
swift, numpy = {}, {}
for line in open(sys.argv[1]):
    name, size, t = line.split()
    swift[(name, size)] = float(t)
for line in open(sys.argv[2]):
    _, size, t = line.split()
    numpy[size] = float(t)
print(f"{'n':>7} {'numpy (us)':>11} {'planned (us)':>13} {'ratio':>6} {'per call (us)':>14} {'ratio':>6}")
for size, tn in numpy.items():
    tp, tu = swift[("fft", size)], swift[("fft-unplanned", size)]
    print(f"{size:>7} {tn*1e6:11.1f} {tp*1e6:13.1f} {tp/tn:6.2f} {tu*1e6:14.1f} {tu/tn:6.2f}")
for (name, size), t in swift.items():
    if name.startswith("gaussian"):
        print(f"Gaussian filter weights {size}: {t*1e3:.1f} ms")
PYEOF
