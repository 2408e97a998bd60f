"""Reference values (70 digits) for the hard integrals without break-point hints
in Tests/QuadratureTests/CertifiedTests.swift, by mpmath at 90 digits with every
kink, jump and (for the oscillatory case) every zero of the phase given as a
break point, so that each piece is analytic. Writes hard_integrals.txt:
one `name value` line per integral. Run: python3 hard_integrals.py
"""
import mpmath
from mpmath import mp, mpf

mp.dps = 90

def quad_pieces(f, pts):
    return mpmath.fsum(mpmath.quad(f, [pts[i], pts[i + 1]], method="gauss-legendre", maxdegree=10)
                       for i in range(len(pts) - 1))

out = {}

# |p(x)| e^x on [-1, 3], p(x) = x^4 - 3x^3 + x - 1/2 (four real roots in [-1, 3]).
p = lambda x: x**4 - 3 * x**3 + x - mpf(1) / 2
roots = sorted(r.real for r in mpmath.polyroots([1, -3, 0, 1, -mpf(1) / 2], maxsteps=200, extraprec=200)
               if abs(r.imag) < mpf(10)**-60 and -1 < r.real < 3)
out["abs_quartic_exp"] = quad_pieces(lambda x: abs(p(x)) * mpmath.exp(x), [mpf(-1)] + roots + [mpf(3)])

# (x - floor(x)) * max(sin x, cos x) on [0, 8]: jumps at 1..7, kinks at pi/4 + k pi.
pts = sorted(set([mpf(k) for k in range(0, 9)] + [mpmath.pi / 4 + k * mpmath.pi for k in range(0, 3)
                                                    if mpmath.pi / 4 + k * mpmath.pi < 8]))
def saw(x, lo):
    return (x - lo) * max(mpmath.sin(x), mpmath.cos(x))
total = mpf(0)
for i in range(len(pts) - 1):
    a, b = pts[i], pts[i + 1]
    lo = mpmath.floor(a)
    m = (a + b) / 2
    if mpmath.sin(m) >= mpmath.cos(m):
        g = lambda x, lo=lo: (x - lo) * mpmath.sin(x)
    else:
        g = lambda x, lo=lo: (x - lo) * mpmath.cos(x)
    total += mpmath.quad(g, [a, b])
out["sawtooth_maxsincos"] = total

# sin((1/1000 + (1 - x)^2)^(-3/2)) on [0, 1]: pieces between the points where the
# phase (1/1000 + (1-x)^2)^(-3/2) is a multiple of pi.
phase = lambda x: (mpf(1) / 1000 + (1 - x)**2) ** (-mpf(3) / 2)
lo_k = int(mpmath.floor(phase(0) / mpmath.pi)) + 1
hi_k = int(mpmath.floor(phase(1) / mpmath.pi))
pts = [mpf(0)]
for k in range(lo_k, hi_k + 1):
    # (1/1000 + (1-x)^2) = (k pi)^(-2/3)  =>  x = 1 - sqrt((k pi)^(-2/3) - 1/1000)
    pts.append(1 - mpmath.sqrt((k * mpmath.pi) ** (-mpf(2) / 3) - mpf(1) / 1000))
pts.append(mpf(1))
f = lambda x: mpmath.sin(phase(x))
mp.dps = 80
out["sin_near_singular"] = mpmath.fsum(mpmath.quad(f, [pts[i], pts[i + 1]], method="gauss-legendre")
                                       for i in range(len(pts) - 1))

mp.dps = 90

# (sign(x - 0.3) + heaviside(x - 0.7)) * exp(-x^2) on [-1, 2]: jumps at 0.3 and 0.7.
def sh(x):
    return (mpmath.sign(x - mpf("0.3")) + (1 if x > mpf("0.7") else 0)) * mpmath.exp(-x**2)
out["sign_heaviside_gauss"] = quad_pieces(sh, [mpf(-1), mpf("0.3"), mpf("0.7"), mpf(2)])

# relu(sin(3x)) * frac(2x) on [0, 3]: kinks at pi/3, 2pi/3 (zeros of sin 3x), jumps at k/2.
pts = sorted(set([mpf(k) / 2 for k in range(0, 7)] + [mpmath.pi / 3, 2 * mpmath.pi / 3]))
def rf(x):
    return max(mpmath.sin(3 * x), 0) * (2 * x - mpmath.floor(2 * x))
# On each piece the integrand is analytic: evaluate at interior points only.
out["relu_frac"] = mpmath.fsum(mpmath.quad(rf, [pts[i], pts[i + 1]], method="gauss-legendre", maxdegree=10)
                               for i in range(len(pts) - 1))

# abs(x - 1/3) * round(2x) on [0, 2] (round: ties away from 0): jumps at 1/4, 3/4, 5/4, 7/4, kink at 1/3.
pts = sorted([mpf(0), mpf(1) / 4, mpf(1) / 3, mpf(3) / 4, mpf(5) / 4, mpf(7) / 4, mpf(2)])
out["abs_round"] = quad_pieces(lambda x: abs(x - mpf(1) / 3) * mpmath.floor(2 * x + mpf(1) / 2), pts)

with open(__file__.replace(".py", ".txt"), "w") as fh:
    for k, v in out.items():
        fh.write(f"{k} {mpmath.nstr(v, 70)}\n")
        print(k, mpmath.nstr(v, 70))
