"""Peers for Benchmarks/quadrature/run.sh: times mpmath `quad` (or `quadosc`)
and python-flint `acb.integral` on the same integrals as quad-bench, at the
same number of digits, and prints the comparison table.

The second table compares quad-bench's certifying path (Quadrature.integrateCertifying:
time, status, true digits, certified digits of the enclosure, whether the enclosure contains
the reference) with the same two peers.

Usage: peer.py DIGITS REPEATS SWIFT_OUTPUT_FILE
Timing protocol (same as quad-bench): one untimed warm-up call (node caches),
then the median of REPEATS calls. Digits reached = -log10(|I - ref|/|ref|),
ref = the closed form evaluated by mpmath at DIGITS + 30 digits.
"""
import statistics
import sys
import time

import mpmath
from mpmath import mp, mpf
from flint import acb, arb, ctx

digits = int(sys.argv[1])
repeats = int(sys.argv[2])
swift_file = sys.argv[3]

# name: (interval, mpmath integrand, flint integrand or None, closed form, kind)
# kind: "smooth", "singular" (endpoint-singular), "infinite", "fourier".
def cases():
    pi = mp.pi
    return {
        "exp_0_1": ([0, 1], lambda x: mpmath.exp(x), lambda x, a: x.exp(),
                    lambda: mpmath.e - 1, "smooth"),
        "runge": ([-1, 1], lambda x: 1 / (1 + 25 * x * x), lambda x, a: 1 / (1 + 25 * x * x),
                  lambda: 2 * mpmath.atan(5) / 5, "smooth"),
        "gauss_cos": ([-1, 1], lambda x: mpmath.exp(-x * x) * mpmath.cos(5 * x),
                      lambda x, a: (-x * x).exp() * (5 * x).cos(),
                      lambda: mpmath.sqrt(pi) * mpmath.exp(mpf(-25) / 4) * mpmath.re(mpmath.erf(1 + 2.5j)), "smooth"),
        "t_log1p": ([0, 1], lambda x: x * mpmath.log1p(x), lambda x, a: x * (1 + x).log(analytic=a),
                    lambda: mpf(1) / 4, "smooth"),
        "t2_atan": ([0, 1], lambda x: x * x * mpmath.atan(x), lambda x, a: x * x * x.atan(),
                    lambda: (pi - 2 + 2 * mpmath.log(2)) / 12, "smooth"),
        "atan_sqrt": ([0, 1], lambda x: mpmath.atan(mpmath.sqrt(x * x + 2)) / (mpmath.sqrt(x * x + 2) * (x * x + 1)),
                      lambda x, a: (x * x + 2).sqrt(analytic=a).atan() / ((x * x + 2).sqrt(analytic=a) * (x * x + 1)),
                      lambda: 5 * pi ** 2 / 96, "smooth"),
        "exp_cos_u": ([0, 1], lambda u: mpmath.exp(pi * u / 2) * mpmath.cos(pi * u / 2) * pi / 2,
                      lambda u, a: (arb.pi() * u / 2).exp() * (arb.pi() * u / 2).cos() * arb.pi() / 2,
                      lambda: (mpmath.exp(pi / 2) - 1) / 2, "smooth"),
        "sqrt_log": ([0, 1], lambda x: mpmath.sqrt(x) * mpmath.log(x),
                     lambda x, a: x.sqrt(analytic=a) * x.log(analytic=a), lambda: mpf(-4) / 9, "singular"),
        "log_log1m": ([0, 1], lambda x: mpmath.log(x) * mpmath.log1p(-x),
                      lambda x, a: x.log(analytic=a) * (1 - x).log(analytic=a), lambda: 2 - pi ** 2 / 6, "singular"),
        "sqrt_1mt2": ([0, 1], lambda x: mpmath.sqrt(1 - x * x), lambda x, a: (1 - x * x).sqrt(analytic=a),
                      lambda: pi / 4, "singular"),
        "log2_poly": ([0, 1], lambda x: mpmath.log(x) ** 2 / (x * x + x + 1),
                      lambda x, a: x.log(analytic=a) ** 2 / (x * x + x + 1),
                      lambda: 8 * pi ** 3 / (81 * mpmath.sqrt(3)), "singular"),
        "inv_sqrt": ([0, 1], lambda x: 1 / mpmath.sqrt(x), lambda x, a: 1 / x.sqrt(analytic=a), lambda: mpf(2), "singular"),
        "gauss_R": ([-mpmath.inf, mpmath.inf], lambda x: mpmath.exp(-x * x), None, lambda: mpmath.sqrt(pi), "infinite"),
        "x_sinh": ([0, mpmath.inf], lambda x: x / mpmath.sinh(x) if x else mpf(1), None, lambda: pi ** 2 / 4, "infinite"),
        "cos_fourier": ([0, mpmath.inf], lambda x: mpmath.cos(x) / (1 + x * x), None, lambda: pi / (2 * mpmath.e), "fourier"),
        "sinc_fourier": ([0, mpmath.inf], lambda x: mpmath.sin(x) / x, None, lambda: pi / 2, "fourier"),
    }


def flint_truncated(f, tail, t_of):
    """The Arb practice on [0, ∞): acb.integral on [0, T] plus a tail bound derived by hand,
    added to the radius; T = t_of(digits) is chosen so that the tail is below 10^-(digits+3)."""
    t = t_of()
    return lambda: acb.integral(f, 0, t) + arb(0, tail(t))


def t_gauss():
    return int(mpmath.ceil(mpmath.sqrt((digits + 3) * mpmath.log(10)))) + 1


def t_x_sinh():
    t = mpf(digits)
    while 2 * (t + 1) * mpmath.exp(-t) / (1 - mpmath.exp(-2 * t)) > mpf(10) ** (-(digits + 3)):
        t += 8
    return int(t)


# Infinite rows for python-flint (it has no infinite ranges): truncation + the same majorants as
# quad-bench (e^(-x^2) itself; x/sinh x <= 2x e^(-x)/(1 - e^(-2T))), written as 1/sinhc to be finite at 0.
flint_infinite = {
    "gauss_R": lambda: (lambda g: (lambda: 2 * g()))(flint_truncated(
        lambda x, a: (-x * x).exp(), lambda t: float(mpmath.exp(-t * t) / (2 * t)), t_gauss)),
    "x_sinh": lambda: flint_truncated(
        lambda x, a: 1 / (x * acb(0, 1)).sinc(),
        lambda t: float(2 * (t + 1) * mpmath.exp(-t) / (1 - mpmath.exp(-2 * t))), t_x_sinh),
}


def timed(fn):
    fn()
    ts = []
    value = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), value


def digits_reached(value, ref):
    err = abs(mpf(value) - ref)
    if err == 0:
        return float(digits + 10)
    return float(-mpmath.log10(err / abs(ref)))


swift = {}
for line in open(swift_file):
    fields = line.rstrip("\n").split("\t")
    name, secs, evals, status, value, err = fields[:6]
    cert = None
    if len(fields) >= 11 and fields[6] != "-":
        c_secs, c_evals, c_status, c_value, c_err = fields[6:11]
        cert = (float(c_secs), int(c_evals), c_status, c_value, c_err)
    swift[name] = (float(secs), int(evals), status, value, err, cert)

rows = []
with mp.workdps(digits + 30):
    refs = {k: v[3]() for k, v in cases().items()}

for name, (interval, f_mp, f_fl, _, kind) in cases().items():
    if name not in swift:
        continue
    mp.dps = digits
    if kind == "fourier":
        t_mp, v_mp = timed(lambda: mpmath.quadosc(f_mp, interval, omega=1))
    else:
        t_mp, v_mp = timed(lambda: mpmath.quad(f_mp, interval))
    t_fl = v_fl = None
    if f_fl is not None:
        ctx.dps = digits
        t_fl, v_fl = timed(lambda: acb.integral(f_fl, interval[0], interval[1]))
        fl_mid = mpf(v_fl.real.mid().str(digits + 10, radius=False))
        fl_rad = float(v_fl.real.rad())
    elif name in flint_infinite:
        ctx.dps = digits
        t_fl, v_fl = timed(flint_infinite[name]())
        fl_mid = mpf(v_fl.real.mid().str(digits + 10, radius=False))
        fl_rad = float(v_fl.real.rad())
    mp.dps = digits + 30
    ref = refs[name]
    s_t, s_n, s_status, s_val, s_err, cert = swift[name]
    row = {
        "name": name, "kind": kind, "swift_s": s_t, "evals": s_n, "status": s_status,
        "swift_digits": digits_reached(mpf(s_val), ref),
        "mpmath_s": t_mp, "mpmath_digits": digits_reached(v_mp, ref),
        "flint_s": t_fl, "flint_digits": digits_reached(fl_mid, ref) if t_fl is not None else None,
        "flint_rad": fl_rad if t_fl is not None else None,
        "cert": None,
    }
    if cert is not None:
        c_t, c_n, c_status, c_val, c_err = cert
        rigorous = not c_status.startswith("estimate:")
        row["cert"] = {
            "s": c_t, "evals": c_n, "status": c_status,
            "digits": digits_reached(mpf(c_val), ref),
            # Certified digits: -log10(radius/|I|) of the enclosure (none for an estimate).
            "cdigits": float(-mpmath.log10(mpf(c_err) / abs(ref))) if rigorous and mpf(c_err) > 0 else None,
            # Whether the enclosure [mid ± rad] contains the reference value.
            "contains": (abs(mpf(c_val) - ref) <= mpf(c_err)) if rigorous else None,
        }
    rows.append(row)

print(f"Quadrature vs mpmath {mpmath.__version__} quad/quadosc and python-flint acb.integral at {digits} digits "
      f"(median of {repeats}, warm caches)")
hdr = (f"{'integral':13} {'kind':9} {'swift ms':>9} {'evals':>6} {'digits':>6} | {'mpmath ms':>9} {'digits':>6} "
       f"{'×mpmath':>8} | {'flint ms':>9} {'digits':>6} {'radius':>9} {'×flint':>7}")
print(hdr)
print("-" * len(hdr))
for r in rows:
    fl = (f"{r['flint_s']*1e3:9.2f} {r['flint_digits']:6.1f} {r['flint_rad']:9.1e} {r['flint_s']/r['swift_s']:7.2f}"
          if r["flint_s"] is not None else f"{'—':>9} {'—':>6} {'—':>9} {'—':>7}")
    print(f"{r['name']:13} {r['kind']:9} {r['swift_s']*1e3:9.2f} {r['evals']:6d} {min(r['swift_digits'], digits+10):6.1f} | "
          f"{r['mpmath_s']*1e3:9.2f} {min(r['mpmath_digits'], digits+10):6.1f} {r['mpmath_s']/r['swift_s']:8.1f} | {fl}")

print()
print("Certifying path (Quadrature.integrateCertifying: certified where f is holomorphic near the ends, else the "
      "estimate above); cdigits = -log10(radius/|I|) of the enclosure")
hdr = (f"{'integral':13} {'kind':9} {'cert ms':>9} {'evals':>6} {'status':>22} {'digits':>6} {'cdigits':>7} "
       f"{'encl.':>5} | {'×mpmath':>8} {'×flint':>7}")
print(hdr)
print("-" * len(hdr))
for r in rows:
    c = r["cert"]
    if c is None:
        print(f"{r['name']:13} {r['kind']:9} {'—':>9}")
        continue
    cd = f"{c['cdigits']:7.1f}" if c["cdigits"] is not None else f"{'—':>7}"
    enc = {True: "ok", False: "WRONG", None: "—"}[c["contains"]]
    xfl = f"{r['flint_s']/c['s']:7.2f}" if r["flint_s"] is not None else f"{'—':>7}"
    print(f"{r['name']:13} {r['kind']:9} {c['s']*1e3:9.3f} {c['evals']:6d} {c['status']:>22} "
          f"{min(c['digits'], digits+10):6.1f} {cd} {enc:>5} | {r['mpmath_s']/c['s']:8.1f} {xfl}")

smooth = [r for r in rows if r["kind"] == "smooth"]
if smooth:
    print(f"smooth cases: min ×mpmath {min(r['mpmath_s']/r['swift_s'] for r in smooth):.1f}, "
          f"min ×flint {min(r['flint_s']/r['swift_s'] for r in smooth):.2f} (ratios > 1: Swift faster)")
    cs = [r for r in smooth if r["cert"] is not None]
    if cs:
        print(f"smooth cases, certifying path: min ×mpmath {min(r['mpmath_s']/r['cert']['s'] for r in cs):.1f}, "
              f"min ×flint {min(r['flint_s']/r['cert']['s'] for r in cs):.2f}, "
              f"min certified digits {min((r['cert']['cdigits'] or 0) for r in cs):.1f}")
inf = [r for r in rows if r["kind"] == "infinite" and r["cert"] is not None and r["flint_s"] is not None]
if inf:
    print(f"infinite ranges, certifying path: min ×mpmath {min(r['mpmath_s']/r['cert']['s'] for r in inf):.1f}, "
          f"min ×flint (truncated + hand tail) {min(r['flint_s']/r['cert']['s'] for r in inf):.2f}, "
          f"min certified digits {min((r['cert']['cdigits'] or 0) for r in inf):.1f}")
sing = [r for r in rows if r["kind"] == "singular"]
if sing:
    print(f"endpoint-singular cases: min Swift digits {min(r['swift_digits'] for r in sing):.1f}")
    cs = [r for r in sing if r["cert"] is not None]
    if cs:
        print(f"endpoint-singular cases, certifying path: min ×mpmath {min(r['mpmath_s']/r['cert']['s'] for r in cs):.1f}, "
              f"min digits {min(r['cert']['digits'] for r in cs):.1f}")
