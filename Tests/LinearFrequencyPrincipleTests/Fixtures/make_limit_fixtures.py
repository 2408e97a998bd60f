#!/usr/bin/env python3
"""Reference values of the ReLU LFP limit (minimum FP-norm interpolant) in d = 1,
computed independently with mpmath at 50 digits for LinearFrequencyPrincipleTests.

h(x) = Σ c_i G(x − x_i) + p0 + p1 x,  Σ c_i = 0,  Σ c_i x_i = 0,  G(x) = A|x|³/12 − B|x|/2,
with A = E|w|³, B = E[a²] E|w| for the uniform laws below (E|w|³ = W³/4, E|w| = W/2,
E a² = U²/3 for U(−W, W), U(−U, U)). Data: the 5 points of the 1905.10264 code.
Writes limit.csv: case,A,B,x,h. Run: python3 make_limit_fixtures.py > limit.csv
"""
import mpmath as mp

mp.mp.dps = 50
X = [mp.mpf(s) for s in ["-0.8", "-0.6", "-0.3", "-0.06", "0.1"]]
Y = [mp.mpf(s) for s in ["0.25", "-0.25", "-0.07", "0.15", "-0.05"]]


def moments(W, U):
    W, U = mp.mpf(W), mp.mpf(U)
    return W**3 / 4, (U**2 / 3) * (W / 2)


def limit(A, B):
    n = len(X)
    G = lambda t: A * abs(t) ** 3 / 12 - B * abs(t) / 2
    M = mp.zeros(n + 2, n + 2)
    for i in range(n):
        for j in range(n):
            M[i, j] = G(X[i] - X[j])
        M[i, n] = M[n, i] = 1
        M[i, n + 1] = M[n + 1, i] = X[i]
    rhs = mp.matrix(Y + [0, 0])
    s = mp.lu_solve(M, rhs)
    return lambda x: sum(s[i] * G(x - X[i]) for i in range(n)) + s[n] + s[n + 1] * x


print("case,A,B,x,h")
for case, (W, U) in {"cubic": ("3", "0.1"), "linear": ("0.2", "1")}.items():
    A, B = moments(W, U)
    h = limit(A, B)
    for xs in ["-0.9", "-0.7", "-0.45", "-0.18", "0", "0.3"]:
        print(f"{case},{mp.nstr(A, 45)},{mp.nstr(B, 45)},{xs},{mp.nstr(h(mp.mpf(xs)), 45)}")
