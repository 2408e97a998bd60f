#!/usr/bin/env bash
# MPFloat overhead against plain C + MPFR, measured in one run.
#
# The same algorithm — Gauss–Legendre nodes and weights (n = 120) by Newton
# iteration on the Legendre recurrence at 333 bits, then
# ∫_{-1}^{1} exp(-x²) cos(5x) dx — in Swift with MPFloat (release build,
# in-place forms in the hot loop) and in C against MPFR (gcc -O2).
# Prints each best-of-R time, the ratio Swift/C (target ≤ 1.25), the ratio of
# instructions executed (callgrind; independent of machine load), and checks
# both integrals against the closed form √π e^{-25/4} Re erf(1 + 5i/2).
#
# Usage: Benchmarks/mpfr-overhead/run.sh [repetitions]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-15}"
out=Benchmarks/.out/mpfr-overhead
mkdir -p "$out"

gcc -O2 -o "$out/gl-c" Benchmarks/mpfr-overhead/peer.c $(pkg-config --cflags --libs mpfr) -lgmp -lm
swift build -c release --product mpfr-overhead-swift >"$out/swift-build.log" 2>&1 \
  || { cat "$out/swift-build.log"; exit 1; }
swift_bin="$(swift build -c release --show-bin-path)/mpfr-overhead-swift"

# Alternate the two programs so that machine load affects both alike.
"$out/gl-c" 2 >/dev/null; "$swift_bin" 2 >/dev/null   # warm-up
c_best=inf; s_best=inf
for round in 1 2 3 4 5; do
  "$out/gl-c" "$reps" >"$out/c.txt"
  "$swift_bin" "$reps" >"$out/swift.txt"
  c_best=$(python3 -c "print(min(float('$c_best'), float('$(awk '/^time/{print $2}' "$out/c.txt")')))")
  s_best=$(python3 -c "print(min(float('$s_best'), float('$(awk '/^time/{print $2}' "$out/swift.txt")')))")
done

# Load-independent second measure: instructions executed per repetition
# (valgrind callgrind, difference of a 3- and a 1-repetition run, so that
# process start-up cancels out).
instructions() {  # program -> instructions per repetition
  local n1 n3
  n1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" 1 2>&1 | awk '/Collected/{print $NF}')
  n3=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" 3 2>&1 | awk '/Collected/{print $NF}')
  echo $(( (n3 - n1) / 2 ))
}
c_ir=0; s_ir=0
if command -v valgrind >/dev/null; then
  c_ir=$(instructions "$out/gl-c"); s_ir=$(instructions "$swift_bin")
fi

python3 - "$out/c.txt" "$out/swift.txt" "$c_best" "$s_best" "$c_ir" "$s_ir" <<'PY'
import sys
from mpmath import mp, mpf, mpc, sqrt, pi, exp, erf
mp.dps = 130
exact = sqrt(pi) * exp(mpf(-25) / 4) * erf(mpc(1, 2.5)).real
def integral(path):
    for line in open(path):
        if line.startswith("integral"):
            return mpf(line.split()[1])
c, s = integral(sys.argv[1]), integral(sys.argv[2])
tc, ts = float(sys.argv[3]), float(sys.argv[4])
print(f"C (MPFR, gcc -O2):        {tc * 1e3:8.2f} ms")
print(f"Swift (MPFloat, release): {ts * 1e3:8.2f} ms")
print(f"ratio Swift/C:            {ts / tc:8.3f}     (target <= 1.25; best times, runs alternating)")
ci, si = int(sys.argv[5]), int(sys.argv[6])
if ci > 0:
    print(f"instructions per run:     C {ci / 1e6:.1f} M, Swift {si / 1e6:.1f} M, ratio {si / ci:.3f} (callgrind)")
ok = True
for name, v in (("C", c), ("Swift", s)):
    rel = abs(v / exact - 1)
    digits = float(-mp.log10(rel)) if rel else float("inf")
    print(f"{name:5s} integral {mp.nstr(v, 40)}  agrees with the closed form to {digits:.1f} digits")
    ok = ok and rel < mpf(10) ** -95
same = c == s
print("C and Swift print the same 100-digit integral" if same else "C and Swift integrals DIFFER")
sys.exit(0 if ok and same else 1)
PY
