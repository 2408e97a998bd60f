#!/usr/bin/env python3
"""Bessel functions of large integer order, from SciPy (an implementation
independent of MPFR and Arb: AMOS / Cephes in double precision).

Writes `bessel_large_order.json` beside this script:
  {"generator": ..., "scipy": "1.17.1",
   "values": [{"function": "besselj", "order": 1001, "x": "1000.5", "value": "0.0426..."}, ...]}

Negative orders up to 64 go to MPFR at |n| with the sign (−1)^n (mpfr_yn at n = −10,
x = 1e4 took 2.6 s). Orders beyond 64 are where fprinciple evaluates besselj/bessely through Arb
instead of MPFR's mpfr_jn/mpfr_yn (which take seconds to minutes there).
SciPy's double-precision values are trusted to ~1e-12 relative at these
arguments (at n = x = 2000 and n = x = 1e5 they agree with MPFR's correctly
rounded values to 1e-13); the test compares to 1e-9 relative. Order and argument
both near 10^5 are out of reach of Arb's series at the precisions the bridge tries
(the test expects NaN there, not a value).

Run:  python3 Tests/Fixtures/MultiPrecision/bessel_large_order.py   (scipy 1.17.1)
"""

import json
import os

import scipy
import scipy.special as sp

CASES = [
    ("bessely", 500, "10000"),
    ("bessely", 1000, "10000"),
    ("besselj", 1000, "100000"),
    ("besselj", 100, "5000"),
    ("besselj", 1001, "1000.5"),
    ("bessely", 1001, "1000.5"),
    ("bessely", 2000, "2000"),
    ("bessely", 10000, "10000"),
    ("besselj", 10000, "10000"),
    ("bessely", 5000, "20000"),
    ("besselj", -3000, "2999.25"),
    ("bessely", -10, "10000"),
    ("bessely", -11, "10000"),
    ("besselj", -11, "3.5"),
    ("bessely", -64, "100"),
]


def main():
    values = []
    for name, order, x in CASES:
        f = sp.jv if name == "besselj" else sp.yv
        v = float(f(order, float(x)))
        values.append({"function": name, "order": order, "x": x, "value": repr(v)})
    out = {"generator": "Tests/Fixtures/MultiPrecision/bessel_large_order.py", "scipy": scipy.__version__, "values": values}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bessel_large_order.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
