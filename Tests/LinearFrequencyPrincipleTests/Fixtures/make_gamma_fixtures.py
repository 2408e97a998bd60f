#!/usr/bin/env python3
"""Reference values of the LFP rate γ(ξ)² (arXiv 1905.10264, 2010.08153), computed
independently with mpmath at 70 digits, for LinearFrequencyPrincipleTests.

Fourier convention F[f](ξ) = ∫ f(x) e^{−2πiξx} dx. In d = 1 for any activation,
    γ² = E_w[(1/r) S(ξ/r)] + 4π² ξ² E[a²] E_w[(1/r³) S(ξ/r)],  r = |w|,  S = |F[σ]|²,
with S_relu(ν) = 1/(16π⁴ν⁴), S_tanh(ν) = π² csch²(π²ν), S_sigmoid(ν) = π² csch²(2π²ν).
For ReLU in d dimensions, w with i.i.d. N(0, sd²) components (r ~ sd·χ_d):
    γ² = E r³/(16π⁴ξ^{d+3}) + E[a²] E r/(4π² ξ^{d+1}),
with E r^p computed here by mpmath quadrature of the χ_d density (not the Γ formula).
Writes gamma2.csv: activation,dim,w,a,xi,gamma2 (60 significant digits).
Run: python3 make_gamma_fixtures.py > gamma2.csv
"""
import mpmath as mp

mp.mp.dps = 70
pi = mp.pi


def S(act, nu):
    if act == "relu":
        return 1 / (16 * pi**4 * nu**4)
    if act == "tanh":
        return pi**2 * mp.csch(pi**2 * nu) ** 2
    if act == "sigmoid":
        return pi**2 * mp.csch(2 * pi**2 * nu) ** 2
    raise ValueError(act)


def expect(dist, g):
    kind, p = dist
    p = [mp.mpf(str(x)) for x in p]  # decimal parameters, read exactly as text (0.1 = 1/10)
    if kind == "uniform":
        a, b = p
        pts = [a, 0, b] if a < 0 < b else [a, b]
        return mp.quad(g, pts) / (b - a)
    if kind == "normal":
        m, s = p
        dens = lambda x: g(x) * mp.exp(-((x - m) / s) ** 2 / 2) / (s * mp.sqrt(2 * pi))
        return mp.quad(dens, [-mp.inf, min(0, m), max(0, m), mp.inf])
    if kind == "const":
        return g(p[0])
    raise ValueError(kind)


def gamma1d(act, w, a, xi):
    def f1(x):
        r = abs(x)
        return mp.mpf(0) if r == 0 else S(act, xi / r) / r

    def f3(x):
        r = abs(x)
        return mp.mpf(0) if r == 0 else S(act, xi / r) / r**3

    a2 = expect(a, lambda x: x * x)
    return expect(w, f1) + 4 * pi**2 * xi**2 * a2 * expect(w, f3)


def chi_moment(d, sd, p):
    # E r^p for r = sd·χ_d, by quadrature of the χ_d density.
    dens = lambda r: r ** (d - 1) * mp.exp(-r * r / 2) / (2 ** (d / mp.mpf(2) - 1) * mp.gamma(d / mp.mpf(2)))
    return sd**p * mp.quad(lambda r: r**p * dens(r), [0, mp.inf])


def text(dist):
    kind, p = dist
    return (kind if kind != "const" else "const") + ":" + ",".join(str(x) for x in p)


rows = []
one_d = [
    ("relu", ("uniform", (-3, 3)), ("uniform", (-0.1, 0.1))),
    ("relu", ("uniform", (-0.2, 1)), ("normal", (0.5, 2))),
    ("relu", ("normal", (0.3, 1.5)), ("uniform", (-1, 1))),
    ("tanh", ("uniform", (-3, 3)), ("uniform", (-0.1, 0.1))),
    ("tanh", ("uniform", (-1.5, 1.5)), ("uniform", (-4, 4))),
    ("tanh", ("normal", (0, 1)), ("normal", (0, 1))),
    ("sigmoid", ("uniform", (-2, 2)), ("uniform", (-1, 1))),
]
for act, w, a in one_d:
    for xi in ["0.25", "1", "3.5"]:
        g = gamma1d(act, w, a, mp.mpf(xi))
        rows.append((act, 1, text(w), text(a), xi, g))

for d in (1, 2, 3):
    sd = mp.mpf("0.8")
    a2 = mp.mpf("0.2") ** 2  # a ~ N(0, 0.2²)
    A = chi_moment(d, sd, 3)
    B = a2 * chi_moment(d, sd, 1)
    for xi in ["0.5", "2"]:
        x = mp.mpf(xi)
        g = A / (16 * pi**4 * x ** (d + 3)) + B / (4 * pi**2 * x ** (d + 1))
        rows.append(("relu", d, "normal:0,0.8", "normal:0,0.2", xi, g))

print("activation,dim,w,a,xi,gamma2")
for act, d, w, a, xi, g in rows:
    print(f'{act},{d},"{w}","{a}",{xi},{mp.nstr(g, 60)}')
