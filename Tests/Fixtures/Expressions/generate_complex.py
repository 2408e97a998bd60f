#!/usr/bin/env python3
"""Reference values for complex evaluation and the special functions added to the
expression language (sign, heaviside, relu, frac, lambertw, besselj, bessely,
besseli, besselk; complex arithmetic, elementary functions, gamma, zeta), computed
independently with mpmath 1.3.0 at 90 significant digits and written with 50.

Inputs are random (seeded, reproducible) decimal strings of 20 significant digits,
plus the points on branch cuts whose values `Sources/MultiPrecision/BRANCHES.md`
documents (mpmath's conventions). heaviside(x) = (1 + sign x)/2, so H(0) = 1/2;
frac(x) = x - floor(x); relu(x) = max(x, 0).

Run from the repository root:  python3 Tests/Fixtures/Expressions/generate_complex.py
Writes Tests/Fixtures/Expressions/complex_values.json: a list of cases
{"expression", "variables": {name: [re, im]}, "value": [re, im]}.
"""
import json
import os
import random
from mpmath import mp, mpf, mpc

mp.dps = 90
rng = random.Random(15)


def dec(x, digits=20):
    return mp.nstr(mpf(x), digits, strip_zeros=False, min_fixed=-5, max_fixed=5)


def rnd(lo, hi):
    return mpf(dec(mpf(lo) + (mpf(hi) - mpf(lo)) * mpf(rng.random())))


def rndc(lo, hi, ilo=None, ihi=None):
    return mpc(rnd(lo, hi), rnd(ilo if ilo is not None else lo, ihi if ihi is not None else hi))


def out(z):
    z = mpc(z)
    if abs(z.imag) < mpf(10) ** -80 * max(1, abs(z)):   # round-off of a real value
        z = mpc(z.real, 0)
    return [mp.nstr(z.real, 50, strip_zeros=False), mp.nstr(z.imag, 50, strip_zeros=False)]


def var(z):
    z = mpc(z)
    return [dec(z.real), dec(z.imag)]


cases = []


def add(expression, variables, value):
    cases.append({"expression": expression,
                  "variables": {k: var(v) for k, v in variables.items()},
                  "value": out(value)})


# Complex arithmetic and powers.
for _ in range(6):
    z, w = rndc(-5, 5), rndc(-5, 5)
    add("z + w", {"z": z, "w": w}, z + w)
    add("z - w", {"z": z, "w": w}, z - w)
    add("z * w", {"z": z, "w": w}, z * w)
    add("z / w", {"z": z, "w": w}, z / w)
    add("z^w", {"z": z, "w": w}, mp.power(z, w))
    add("z^7 - z^-3", {"z": z}, z**7 - z**-3)
    add("(1 + 2*i) * z - conj(z) / (3 - i)", {"z": z}, (1 + 2j) * z - mp.conj(z) / (3 - 1j))
    add("re(z) + im(w) * i + abs(z) + arg(w)", {"z": z, "w": w},
        mp.re(z) + mp.im(w) * 1j + abs(z) + mp.arg(w))

# Elementary functions off their cuts.
ELEMENTARY = {
    "exp": mp.exp, "expm1": mp.expm1, "exp2": lambda z: mp.power(2, z), "exp10": lambda z: mp.power(10, z),
    "log": mp.log, "log1p": mp.log1p, "log2": lambda z: mp.log(z) / mp.ln2, "log10": lambda z: mp.log(z) / mp.log(10),
    "sqrt": mp.sqrt, "cbrt": mp.cbrt,
    "sin": mp.sin, "cos": mp.cos, "tan": mp.tan, "sec": mp.sec, "csc": mp.csc, "cot": mp.cot,
    "sinh": mp.sinh, "cosh": mp.cosh, "tanh": mp.tanh, "sech": mp.sech, "csch": mp.csch, "coth": mp.coth,
    "asin": mp.asin, "acos": mp.acos, "atan": mp.atan, "asinh": mp.asinh, "acosh": mp.acosh, "atanh": mp.atanh,
    "abs": abs, "arg": mp.arg, "re": mp.re, "im": mp.im, "conj": mp.conj, "sign": mp.sign,
}
for name, f in ELEMENTARY.items():
    for _ in range(4):
        z = rndc(-3, 3)
        add(f"{name}(z)", {"z": z}, f(z))
    z = rndc(-1e-8, 1e-8)   # small arguments: no cancellation allowed
    add(f"{name}(z)", {"z": z}, f(z))

# Values on branch cuts (documented conventions, mpmath's).
for expr, value in [
    ("log(-2)", mp.log(-2)), ("sqrt(-4)", mp.sqrt(-4)), ("(-8)^(1/3)", mp.power(-8, mpf(1) / 3)),
    ("cbrt(-8)", mp.cbrt(-8)), ("asin(2)", mp.asin(2)), ("asin(-2)", mp.asin(-2)), ("acos(2)", mp.acos(2)),
    ("atanh(2)", mp.atanh(2)), ("acosh(-2)", mp.acosh(-2)), ("log(-1) / i", mp.log(-1) / 1j),
    ("2*exp(i*pi/3)", 2 * mp.exp(1j * mp.pi / 3)), ("i^i", mp.power(1j, 1j)), ("sqrt(-1)", 1j),
]:
    add(expr, {}, value)

# Gamma and zeta on complex arguments.
for _ in range(8):
    z = rndc(-10, 10)
    add("gamma(z)", {"z": z}, mp.gamma(z))
for _ in range(3):
    z = rndc(0.5, 3, 20, 60)
    add("gamma(z)", {"z": z}, mp.gamma(z))
for t in ["14.134725141734693790457251983562470270784257115699", "1", "10", "37.5", "100"]:
    s = mpc(mpf("0.5"), mpf(dec(mpf(t), 20)))
    add("zeta(s)", {"s": s}, mp.zeta(s))
for _ in range(6):
    s = rndc(-8, 8, -30, 30)
    add("zeta(s)", {"s": s}, mp.zeta(s))
add("gamma(1 + i*t)", {"t": mpf("2.5")}, mp.gamma(1 + 2.5j))
add("zeta(1/2 + i*t)", {"t": mpf("21")}, mp.zeta(0.5 + 21j))
add("beta(z, w)", {"z": mpc(2, 1), "w": mpc("0.5", -3)}, mp.beta(mpc(2, 1), mpc("0.5", -3)))

# New real functions.
for x in ["-2.5", "-0.75", "0", "0.25", "3"]:
    xv = mpf(x)
    add("sign(x)", {"x": xv}, mp.sign(xv))
    add("heaviside(x)", {"x": xv}, (1 + mp.sign(xv)) / 2)
    add("relu(x)", {"x": xv}, max(xv, 0))
    add("frac(x)", {"x": xv}, mp.frac(xv))
for _ in range(5):
    x = rnd(-0.36787, 50)
    add("lambertw(x)", {"x": x}, mp.lambertw(x))
    y = rnd(-0.36787, -1e-6)
    add("lambertw(x, -1)", {"x": y}, mp.lambertw(y, -1))
for x in ["1e-30", "-0.3678794", "1e30", "2.7182818284590452354"]:
    add("lambertw(x)", {"x": mpf(x)}, mp.lambertw(mpf(x)))
for x in ["-1e-30", "-0.3678794"]:
    add("lambertw(x, -1)", {"x": mpf(x)}, mp.lambertw(mpf(x), -1))
for n in [0, 1, 2, 5, -3]:
    for _ in range(2):
        x = rnd(0.01, 40)
        add(f"besselj({n}, x)", {"x": x}, mp.besselj(n, x))
        add(f"bessely({n}, x)", {"x": x}, mp.bessely(n, x))
        add(f"besseli({n}, x)", {"x": x}, mp.besseli(n, x))
        add(f"besselk({n}, x)", {"x": x}, mp.besselk(n, x))
    x = rnd(-30, -0.01)
    add(f"besseli({n}, x)", {"x": x}, mp.besseli(n, x))
for n, x in [(0, "150"), (3, "200"), (0, "1e-20"), (4, "0.001"), (1, "85.5")]:
    add(f"besselk({n}, x)", {"x": mpf(x)}, mp.besselk(n, mpf(x)))
    add(f"besseli({n}, x)", {"x": mpf(x)}, mp.besseli(n, mpf(x)))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "complex_values.json")
with open(path, "w") as fh:
    json.dump({"generator": "generate_complex.py", "mpmath": mp.__version__ if hasattr(mp, "__version__") else "1.3.0",
               "digits": 50, "cases": cases}, fh, indent=1)
print(f"{len(cases)} cases -> {path}")
