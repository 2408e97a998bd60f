#!/usr/bin/env python3
"""Reference values for the expression evaluator, computed independently with
mpmath 1.3.0 at 90 significant digits (the Python expressions below are
written by hand, with the grouping the expression language's precedence rules
prescribe made explicit: -x^2 = -(x^2), 2^-3^2 = 2^(-(3^2)), a^b^c = a^(b^c)).

Run from the repository root:  python3 Tests/Fixtures/Expressions/generate.py
Writes Tests/Fixtures/Expressions/values.json (70 significant digits each).
"""
import json
import os
from mpmath import mp, mpf

mp.dps = 90

def nint_away(y):
    """Round half away from zero (MPFR mpfr_round)."""
    return mp.sign(y) * mp.floor(abs(y) + mpf(1) / 2)

CASES = [
    ("exp(-x^2) * cos(5*x) + gamma(1/3)", {"x": "0.5"},
     lambda x: mp.exp(-(x**2)) * mp.cos(5 * x) + mp.gamma(mpf(1) / 3)),
    ("exp(-x^2) * cos(5*x) + gamma(1/3)", {"x": "0.1"},
     lambda x: mp.exp(-(x**2)) * mp.cos(5 * x) + mp.gamma(mpf(1) / 3)),
    ("-x^2 + 2^-3^2", {"x": "1.5"}, lambda x: -(x**2) + mpf(2) ** (-(mpf(3) ** 2))),
    ("2^3^2 / (1 - 3) - 1 - 2 - 3", {}, lambda: mpf(2) ** 9 / (1 - 3) - 1 - 2 - 3),
    ("24 / 4 / 3 * 2", {}, lambda: ((mpf(24) / 4) / 3) * 2),
    ("besselj(2, x) + bessely(1, x) * atan2(y, x)", {"x": "0.75", "y": "-1.25"},
     lambda x, y: mp.besselj(2, x) + mp.bessely(1, x) * mp.atan2(y, x)),
    ("zeta(3) + catalan * euler - ln2 + pi / e", {},
     lambda: mp.zeta(3) + mp.catalan * mp.euler - mp.ln2 + mp.pi / mp.e),
    ("sqrt(2)^sqrt(2)", {}, lambda: mp.sqrt(2) ** mp.sqrt(2)),
    ("log1p(x) / expm1(x) - erf(x) * erfc(x)", {"x": "0.3"},
     lambda x: mp.log1p(x) / mp.expm1(x) - mp.erf(x) * mp.erfc(x)),
    ("digamma(x) + lgamma(x) + ai(x) + ei(x) + li2(x)", {"x": "0.3"},
     lambda x: mp.digamma(x) + mp.loggamma(x) + mp.airyai(x) + mp.ei(x) + mp.polylog(2, x)),
    ("hypot(3, x) - cbrt(x) + root(x, 5)", {"x": "0.7"},
     lambda x: mp.hypot(3, x) - mp.cbrt(x) + mp.root(x, 5)),
    ("sinh(x) * cosh(x) / tanh(x) + asinh(x) + acosh(1 + x) + atanh(x / 2)", {"x": "0.4"},
     lambda x: mp.sinh(x) * mp.cosh(x) / mp.tanh(x) + mp.asinh(x) + mp.acosh(1 + x) + mp.atanh(x / 2)),
    ("sec(x) + csc(x) + cot(x) + sech(x) + csch(x) + coth(x)", {"x": "0.6"},
     lambda x: mp.sec(x) + mp.csc(x) + mp.cot(x) + mp.sech(x) + mp.csch(x) + mp.coth(x)),
    ("beta(x, 2.5) + gammainc(1.5, x)", {"x": "0.8"},
     lambda x: mp.beta(x, mpf("2.5")) + mp.gammainc(mpf("1.5"), x)),
    ("agm(1, x) + max(x, 1/x) - min(x, 1/3)", {"x": "0.4"},
     lambda x: mp.agm(1, x) + max(x, 1 / x) - min(x, mpf(1) / 3)),
    ("exp10(x) + exp2(x) + log2(x) + log10(x) + ln(x) + log(x)", {"x": "2.5"},
     lambda x: mpf(10) ** x + mpf(2) ** x + mp.log(x, 2) + mp.log10(x) + 2 * mp.log(x)),
    ("(-2)^3 + (-x)^2 - x^-2", {"x": "1.25"}, lambda x: mpf(-2) ** 3 + (-x) ** 2 - x ** (-2)),
    ("1e-30 * 6.02e23 + .5 + 3. - 2.5E+1", {},
     lambda: mpf("1e-30") * mpf("6.02e23") + mpf("0.5") + 3 - mpf(25)),
    ("asin(x) + acos(x) + atan(x) + tan(x) + j0(x) + j1(x) + y0(x) + y1(x)", {"x": "0.45"},
     lambda x: mp.asin(x) + mp.acos(x) + mp.atan(x) + mp.tan(x)
     + mp.besselj(0, x) + mp.besselj(1, x) + mp.bessely(0, x) + mp.bessely(1, x)),
    ("abs(-x) + floor(x*7) + ceil(x) + trunc(-x) + round(x*3)", {"x": "1.3"},
     lambda x: abs(-x) + mp.floor(x * 7) + mp.ceil(x) - mp.floor(x) + nint_away(x * 3)),
    ("pow(x, 1/3) + exp(-x) * sin(pi*x)", {"x": "2.2"},
     lambda x: x ** (mpf(1) / 3) + mp.exp(-x) * mp.sin(mp.pi * x)),
    ("x^k / (1 + x)^(k - 1/2)", {"x": "3.5", "k": "7"},
     lambda x, k: x**k / (1 + x) ** (k - mpf(1) / 2)),
]

def main():
    out = []
    for text, variables, f in CASES:
        names = list(variables)
        args = [mpf(variables[n]) for n in names]
        value = f(*args)
        out.append({"expression": text, "variables": variables, "value": mp.nstr(value, 70)})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "values.json")
    with open(path, "w") as fh:
        json.dump({"generator": "mpmath " + __import__("mpmath").__version__ + ", mp.dps = 90",
                   "digits": 70, "cases": out}, fh, indent=1)
        fh.write("\n")

if __name__ == "__main__":
    main()
