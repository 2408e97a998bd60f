"""Peers for the complex path rows of Benchmarks/quadrature/run.sh: mpmath `quad` and
python-flint `acb.integral` on the same path integrals as `quad-bench DIGITS REPEATS paths`
(the engine of `fprinciple integrate --path` and the `integral` provider), and the table.

Usage: paths.py DIGITS REPEATS SWIFT_OUTPUT_FILE
Timing protocol (as quad-bench): one untimed warm-up call, then the median of REPEATS calls,
in-process (start-up excluded). Digits = -log10(|I - ref|/|ref|); ref = python-flint's
enclosure at DIGITS + 30 digits (its midpoint; its radius is printed), independent of the Swift
side. mpmath's time is for one call at DIGITS (it may not reach them: its digits are printed).
"""
import math
import statistics
import sys
import time

import mpmath
from flint import acb, arb, ctx

digits, repeats, swift_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def flint_rows():
    # name: (integrand of t on acb, a, b); t real, z = P(t), dz = P'(t) dt.
    return {
        "gamma_segment": (lambda t, an: (1 + acb(0, 1) * t).gamma() * acb(0, 1), 0, 1000),
        "zeta_contour": (lambda t, an: (1 + (acb(0, 1) * t).exp() / 2).zeta()
                         * acb(0, 0.5) * (acb(0, 1) * t).exp(), 0, arb.pi()),
        "exp_sq_arc": (lambda t, an: ((acb(0, 1) * t).exp() ** 2).exp() * acb(0, 1) * (acb(0, 1) * t).exp(),
                       0, arb.pi() / 2),
    }


def mpmath_rows():
    j = mpmath.mpc(0, 1)
    return {
        "gamma_segment": lambda: mpmath.quad(mpmath.gamma, [1, 1 + 1000 * j]),
        "zeta_contour": lambda: mpmath.quad(lambda t: mpmath.zeta(1 + mpmath.exp(j * t) / 2) * j / 2
                                            * mpmath.exp(j * t), [0, mpmath.pi / 2, mpmath.pi, 3 * mpmath.pi / 2,
                                                                  2 * mpmath.pi]),
        "exp_sq_arc": lambda: mpmath.quad(lambda z: mpmath.exp(z * z), [1, j], ),
    }


def timed(fn):
    fn()
    ts, v = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        v = fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), v


def dig(v_re, v_im, ref):
    e = abs(mpmath.mpc(v_re, v_im) - ref)
    return min(digits + 10, float(-mpmath.log10(e / abs(ref)))) if e != 0 else digits + 10


swift = {}
for line in open(swift_file):
    f = line.rstrip("\n").split("\t")
    swift[f[0]] = f

mpmath.mp.dps = digits + 30
refs = {}
ctx.dps = digits + 30
for name, (g, a, b) in flint_rows().items():
    if name == "zeta_contour":
        b = 2 * arb.pi()
    v = acb.integral(g, a, b)
    refs[name] = (mpmath.mpc(mpmath.mpf(v.real.mid().str(digits + 30, radius=False)),
                             mpmath.mpf(v.imag.mid().str(digits + 30, radius=False))), v)

print(f"Complex path integrals at {digits} digits: Swift IntegralEngine (certified) vs python-flint "
      f"{__import__('flint').__version__} acb.integral and mpmath {mpmath.__version__} quad; "
      f"median of {repeats} in-process calls")
hdr = (f"{'row':14} {'swift ms':>9} {'evals':>6} {'status':>10} {'digits':>6} {'radius':>9} | "
       f"{'flint ms':>9} {'digits':>6} {'swift/flint':>11} | {'mpmath ms':>10} {'digits':>6} {'mpmath/swift':>12}")
print(hdr)
print("-" * len(hdr))
ctx.dps = digits
mpmath.mp.dps = digits
for name, (g, a, b) in flint_rows().items():
    if name == "zeta_contour":
        b = 2 * arb.pi()
    ref = refs[name][0]
    t_fl, v_fl = timed(lambda: acb.integral(g, a, b))
    fl_d = dig(mpmath.mpf(v_fl.real.mid().str(digits + 5, radius=False)),
               mpmath.mpf(v_fl.imag.mid().str(digits + 5, radius=False)), ref)
    t_mp, v_mp = timed(mpmath_rows()[name]) if repeats > 0 else (None, None)
    mp_d = dig(v_mp.real, v_mp.imag, ref)
    s = swift.get(name)
    if s is None or s[2] == "-":
        sw = f"{'—':>9} {'—':>6} {'notcert':>10} {'—':>6} {'—':>9}"
        ratio, mpr = "—", "—"
    else:
        t_sw = float(s[1])
        sw_d = dig(mpmath.mpf(s[4]), mpmath.mpf(s[5]), ref)
        sw = f"{t_sw*1e3:9.2f} {int(s[2]):6d} {s[3][:10]:>10} {sw_d:6.1f} {float(s[6]):9.1e}"
        ratio, mpr = f"{t_sw/t_fl:11.2f}", f"{t_mp/t_sw:12.2f}"
    print(f"{name:14} {sw} | {t_fl*1e3:9.2f} {fl_d:6.1f} {ratio:>11} | {t_mp*1e3:10.2f} {mp_d:6.1f} {mpr:>12}")
