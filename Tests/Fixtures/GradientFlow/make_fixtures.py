#!/usr/bin/env python3
"""Reference trajectories for GradientFlowTests, from scipy.integrate.solve_ivp
(DOP853, rtol = atol = 1e-13, dense output evaluated at the listed times).

Run once:  python3 Tests/Fixtures/GradientFlow/make_fixtures.py
Writes scipy_dop853.json next to this script. Values are printed with repr()
(17 significant digits, round-trip).
"""
import json
import os

import numpy as np
import scipy
from scipy.integrate import solve_ivp


def van_der_pol(mu):
    def f(t, u):
        return [u[1], mu * (1.0 - u[0] ** 2) * u[1] - u[0]]
    return f


def lotka_volterra(a, b, c, d):
    def f(t, u):
        return [a * u[0] - b * u[0] * u[1], -c * u[1] + d * u[0] * u[1]]
    return f


PROBLEMS = [
    {"name": "vanderpol_mu1", "params": {"mu": 1.0}, "u0": [2.0, 0.0], "t_end": 10.0,
     "f": van_der_pol(1.0)},
    {"name": "lotka_volterra", "params": {"a": 1.5, "b": 1.0, "c": 3.0, "d": 1.0}, "u0": [10.0, 5.0],
     "t_end": 10.0, "f": lotka_volterra(1.5, 1.0, 3.0, 1.0)},
]

out = {"generator": "scipy %s solve_ivp DOP853 rtol=atol=1e-13" % scipy.__version__, "problems": []}
for p in PROBLEMS:
    times = list(np.linspace(0.0, p["t_end"], 21)[1:])
    sol = solve_ivp(p["f"], (0.0, p["t_end"]), p["u0"], method="DOP853", rtol=1e-13, atol=1e-13,
                    t_eval=times)
    assert sol.status == 0, sol.message
    out["problems"].append({
        "name": p["name"], "params": p["params"], "u0": p["u0"], "times": [float(t) for t in sol.t],
        "states": [[float(x) for x in sol.y[:, i]] for i in range(len(sol.t))],
    })
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_dop853.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote", path)
