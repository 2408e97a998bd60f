#!/usr/bin/env python3
"""scipy side of Benchmarks/gradientflow/run.sh: integrates the problems that
flow-bench wrote (same data) with solve_ivp DOP853 at the same rtol = atol,
times it (best of N), and prints the comparison table.

usage: peer.py <out-dir> [repeats]
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.integrate import solve_ivp

out = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
prob = json.load(open(out + "/problems.json"))
sw = json.load(open(out + "/swift.json"))
rtol = sw["rtol"]

lin = prob["linear"]
n = lin["n"]
K = np.array(lin["K"]).reshape(n, n)
y = np.array(lin["y"])


def f_lin(t, u):
    return -K @ (u - y)


net = prob["network"]
m = net["width"]
x = np.array(net["x"])
yd = np.array(net["y"])
N = len(x)


def f_net(t, th):
    a, w, b = th[:m], th[m:2 * m], th[2 * m:]
    H = np.tanh(np.outer(w, x) + b[:, None])  # m × N
    r = (a @ H - yd) / N
    S = (a[:, None] * (1.0 - H * H)) * r[None, :]
    return -np.concatenate([H @ r, S @ x, S.sum(axis=1)])


def run(f, u0, T):
    best = float("inf")
    sol = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        sol = solve_ivp(f, (0.0, T), u0, method="DOP853", rtol=rtol, atol=rtol)
        best = min(best, time.perf_counter() - t0)
    assert sol.status == 0, sol.message
    return best, sol


rows = []
for name, f, u0, T in [("linear n=200", f_lin, np.array(lin["u0"]), lin["T"]),
                       ("tanh net p=%d" % (3 * m), f_net, np.array(net["theta0"]), net["T"])]:
    key = "linear" if name.startswith("linear") else "network"
    ts, sol = run(f, u0, T)
    s = sw[key]
    ref = np.array(s["reference"])
    err_py = np.max(np.abs(sol.y[:, -1] - ref))
    err_sw = np.max(np.abs(np.array(s["u"]) - ref))
    extra = ""
    if key == "network":
        tight = solve_ivp(f, (0.0, T), u0, method="DOP853", rtol=1e-13, atol=1e-13)
        extra = "  (reference check: scipy 1e-13 vs Swift 1e-13: %.1e)" % np.max(np.abs(tight.y[:, -1] - ref))
    t_rhs = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(sol.nfev):
            f(0.0, u0)
        t_rhs = min(t_rhs, time.perf_counter() - t0)
    extra += "\n    time in F alone (same number of calls): Swift %.4f s, numpy %.4f s" % (s["rhs_seconds"], t_rhs)
    rows.append((name, s["seconds"], ts, err_sw, err_py, s["stats"]["evaluations"], sol.nfev, s["reference_kind"], extra))

print("GradientFlow DOP853 vs scipy %s solve_ivp DOP853, rtol = atol = %g (best of runs)" % (scipy.__version__, rtol))
print("%-16s %10s %10s %8s %12s %12s %8s %8s" % ("problem", "swift s", "scipy s", "ratio", "err swift", "err scipy",
                                                  "nfev sw", "nfev py"))
for name, tsw, tpy, esw, epy, nsw, npy, kind, extra in rows:
    print("%-16s %10.4f %10.4f %7.1fx %12.2e %12.2e %8d %8d" % (name, tsw, tpy, tpy / tsw, esw, epy, nsw, npy))
for name, *_, kind, extra in rows:
    print("  %s: error = max |u(T) - reference|, reference = %s%s" % (name, kind, extra))
print("ratio = scipy time / Swift time (> 1: Swift faster)")
