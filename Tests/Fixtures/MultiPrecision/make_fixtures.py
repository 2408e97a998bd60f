#!/usr/bin/env python3
"""Reference values for the MultiPrecision tests, computed once with mpmath.

Writes `values.json` beside this script:

  {"generator": ..., "mpmath": "1.3.0", "reference_bits": 4000, "digits": 1250,
   "constants": [{"name": "pi", "value": "3.14159..."}, ...],
   "functions": [{"name": "exp", "args": ["0.5"], "value": "1.6487..."}, ...]}

Every `value` is the decimal expansion, to `digits` (1250) significant digits,
of the exact mathematical value; 1250 digits is more than the 4000-bit
reference precision (1204 digits), so the string, parsed by MPFR at 4000 bits,
is the exact value rounded once to 4000 bits.  Tests derive from it
  * agreement to >= 200 digits (and report how many digits MPFR reaches),
  * the correctly rounded result at 53, 113, 333 and 1000 bits (rounding the
    4000-bit value once more; a near-tie at the target precision, where the
    double rounding could differ, is detected in the test, not here).

Accuracy: each value is computed twice, at 4200 and at 4600 bits of mpmath
working precision; the script fails unless the two agree to 4100 bits, so the
stored digits are trusted to well beyond the 4000 bits used.

All arguments are dyadic rationals with few bits (exact as Double), so the
argument is the same number at every precision tested.

Run:  python3 Tests/Fixtures/MultiPrecision/make_fixtures.py   (mpmath 1.3.0)
"""

import json
import os
import sys

import mpmath
from mpmath import mp, mpf

DIGITS = 1250          # significant digits stored
REFERENCE_BITS = 4000  # the precision the tests parse the values at
CHECK_BITS = 4100      # the two evaluations must agree to this many bits

CONSTANTS = {
    "pi": lambda: mp.pi,
    "e": lambda: mp.e,
    "log2": lambda: mp.ln2,
    "euler": lambda: mp.euler,
    "catalan": lambda: mp.catalan,
}

# name -> (mpmath function of mpf arguments, list of argument tuples as exact decimal strings)
TWO_60 = "1152921504606846976"  # 2^60: tests the trigonometric argument reduction
FUNCTIONS = [
    ("exp", lambda x: mp.exp(x), [("0.5",), ("-3.25",), ("10.75",), ("0.0009765625",), ("-700.5",)]),
    ("expm1", lambda x: mp.expm1(x), [("9.5367431640625e-7",), ("0.5",), ("-2.5",)]),
    ("log", lambda x: mp.log(x), [("0.5",), ("2",), ("10.75",), ("1000.125",), ("1.0009765625",)]),
    ("log1p", lambda x: mp.log1p(x), [("9.5367431640625e-7",), ("0.5",), ("-0.5",)]),
    ("pow", lambda x, y: mp.power(x, y), [("2.5", "0.375"), ("0.75", "-3.125"), ("10", "0.5"), ("1.5", "100.25")]),
    ("sqrt", lambda x: mp.sqrt(x), [("2",), ("3",), ("0.5",), ("1000.125",)]),
    ("cbrt", lambda x: mp.sign(x) * mp.cbrt(abs(x)),  # the real cube root (mpmath's is the principal complex one)
      [("2",), ("-3",), ("0.375",)]),
    ("sin", lambda x: mp.sin(x), [("0.5",), ("1",), ("3.25",), ("100.5",), ("-7.125",), (TWO_60,)]),
    ("cos", lambda x: mp.cos(x), [("0.5",), ("1",), ("3.25",), ("100.5",), ("-7.125",), (TWO_60,)]),
    ("tan", lambda x: mp.tan(x), [("0.5",), ("1.5",), ("3.25",), ("-7.125",), (TWO_60,)]),
    ("asin", lambda x: mp.asin(x), [("0.5",), ("-0.75",), ("0.125",), ("0.9990234375",)]),
    ("acos", lambda x: mp.acos(x), [("0.5",), ("-0.75",), ("0.125",), ("0.9990234375",)]),
    ("atan", lambda x: mp.atan(x), [("0.5",), ("3.25",), ("-100.5",)]),
    ("sinh", lambda x: mp.sinh(x), [("0.5",), ("-3.25",), ("20.5",), ("0.0009765625",)]),
    ("cosh", lambda x: mp.cosh(x), [("0.5",), ("-3.25",), ("20.5",)]),
    ("tanh", lambda x: mp.tanh(x), [("0.5",), ("-3.25",), ("20.5",)]),
    ("asinh", lambda x: mp.asinh(x), [("0.5",), ("-3.25",), ("1000.125",)]),
    ("acosh", lambda x: mp.acosh(x), [("1.5",), ("3.25",), ("1000.125",)]),
    ("atanh", lambda x: mp.atanh(x), [("0.5",), ("-0.75",), ("0.125",)]),
    ("erf", lambda x: mp.erf(x), [("0.5",), ("-1.5",), ("3.25",)]),
    ("erfc", lambda x: mp.erfc(x), [("0.5",), ("-1.5",), ("3.25",), ("10.5",)]),
    ("gamma", lambda x: mp.gamma(x), [("0.5",), ("3.25",), ("-2.5",), ("20.125",)]),
    ("lgamma", lambda x: mp.log(abs(mp.gamma(x))), [("0.5",), ("3.25",), ("100.5",), ("-2.5",)]),
    ("digamma", lambda x: mp.digamma(x), [("0.5",), ("3.25",), ("-2.5",)]),
    ("zeta", lambda x: mp.zeta(x), [("2",), ("3",), ("0.5",), ("-2.5",), ("10.25",)]),
    ("besselj", lambda n, x: mp.besselj(n, x),
     [("0", "0.5"), ("0", "3.25"), ("0", "10.5"), ("1", "0.5"), ("1", "3.25"), ("1", "10.5"),
      ("5", "0.5"), ("5", "3.25"), ("5", "10.5")]),
    ("bessely", lambda n, x: mp.bessely(n, x),
     [("0", "0.5"), ("0", "3.25"), ("0", "10.5"), ("1", "0.5"), ("1", "3.25"), ("1", "10.5"),
      ("3", "0.5"), ("3", "3.25"), ("3", "10.5")]),
    ("airyai", lambda x: mp.airyai(x), [("0.5",), ("-3.25",), ("2.5",)]),
    ("ei", lambda x: mp.ei(x), [("0.5",), ("-1.5",), ("3.25",), ("20.5",)]),
]


def evaluate(f, args, bits):
    mp.prec = bits
    return f(*[mpf(a) for a in args])


def reference(f, args, label):
    a = evaluate(f, args, REFERENCE_BITS + 200)
    b = evaluate(f, args, REFERENCE_BITS + 600)
    mp.prec = REFERENCE_BITS + 600
    if not isinstance(a, mpf) or not isinstance(b, mpf):
        sys.exit(f"{label}: value is not real: {mpmath.nstr(b, 10)}")
    if b == 0:
        sys.exit(f"{label}: value is zero")
    rel = abs((a - b) / b)
    if rel > mpf(2) ** (-CHECK_BITS):
        sys.exit(f"{label}: the evaluations at {REFERENCE_BITS + 200} and {REFERENCE_BITS + 600} bits "
                 f"differ by {mpmath.nstr(rel, 5)} (relative)")
    return mpmath.nstr(b, DIGITS, strip_zeros=False, min_fixed=1, max_fixed=0)


def main():
    for args in [a for _, _, argl in FUNCTIONS for a in argl]:
        for s in args:
            # Every argument must be exact in binary64 (dyadic with <= 53 bits).
            mp.prec = 53
            x53 = mpf(s)
            mp.prec = 10000
            if mpf(s) != x53:
                sys.exit(f"argument {s} is not exact at 53 bits")
    constants = []
    for name, f in CONSTANTS.items():
        constants.append({"name": name, "value": reference(lambda: +f(), (), name)})
    functions = []
    for name, f, arglist in FUNCTIONS:
        for args in arglist:
            label = f"{name}({', '.join(args)})"
            functions.append({"name": name, "args": list(args), "value": reference(f, args, label)})
            print(label, file=sys.stderr)
    out = {
        "generator": "Tests/Fixtures/MultiPrecision/make_fixtures.py",
        "mpmath": mpmath.__version__,
        "reference_bits": REFERENCE_BITS,
        "digits": DIGITS,
        "constants": constants,
        "functions": functions,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "values.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(constants)} constants and {len(functions)} function values to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
