#!/usr/bin/env python3
"""Coefficients of the small-argument polynomial in FastTanh.swift.

tanh x = x + x^3 P(x^2) for |x| < 0.55, with P the degree-10 Chebyshev fit
(mpmath.chebyfit, 50 digits) of g(s) = (tanh sqrt(s) - sqrt(s)) / s^(3/2) on
[0, 0.55^2]. Prints the fit error (about 7.7e-18) and the coefficients, highest
degree first, as pasted into FastTanh.swift."""
import mpmath as mp

mp.mp.dps = 50
S = mp.mpf("0.55") ** 2


def g(s):
    if s == 0:
        return mp.mpf(-1) / 3
    x = mp.sqrt(s)
    return (mp.tanh(x) - x) / x**3


poly, err = mp.chebyfit(g, [0, S], 11, error=True)
print("max error", mp.nstr(err, 5))
for c in poly:
    print(repr(float(c)))
