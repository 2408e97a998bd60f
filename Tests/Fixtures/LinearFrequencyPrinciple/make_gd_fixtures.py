"""Independent float64 oracle for GDTrainedNetwork (numpy, run once; output gd_training.json).

The authors' two-layer network h(x) = sum_j a_j sigma(w_j . x + b_j) (arXiv 1905.10264 code):
m neurons in m/2 antisymmetric pairs (w, b, +a), (w, b, -a); loss L = 1/2 sum_i (h(x_i) - y_i)^2;
full-batch GD on a, w, b with step eta = c / lambda_max(Theta(X, X)), Theta the initial empirical
NTK sum_j grad h(x) . grad h(x'); stop at the first step with L < level; the parameters where L
first drops below 8e-5 are kept. Written from the formulas, not from the Swift code: gradients by
matrix products, lambda_max by numpy.linalg.eigvalsh.

    python3 make_gd_fixtures.py > gd_training.json
"""
import json
import numpy as np


def sigma(z, act):
    return np.maximum(z, 0.0) if act == "relu" else np.tanh(z)


def dsigma(z, act):
    return (z > 0).astype(float) if act == "relu" else 1.0 - np.tanh(z) ** 2


def forward(X, w, b, a, act):
    z = X @ w.T + b  # n x m
    return sigma(z, act) @ a, z


def ntk(X, w, b, a, act):
    z = X @ w.T + b
    s, ds = sigma(z, act), dsigma(z, act) * a
    return s @ s.T + (ds @ ds.T) * (X @ X.T + 1.0)


def train(X, Y, w, b, a, act, c, level, snap=8e-5, max_steps=10**6):
    lam = np.linalg.eigvalsh(ntk(X, w, b, a, act))[-1]
    eta = c / lam
    stopped = None
    k = 0
    while True:
        h, z = forward(X, w, b, a, act)
        r = h - Y
        L = 0.5 * float(r @ r)
        if stopped is None and L < snap:
            stopped = dict(steps=k, loss=L, w=w.tolist(), b=b.tolist(), a=a.tolist())
        if L < level:
            break
        assert k < max_steps
        s, ds = sigma(z, act), dsigma(z, act)
        ga = s.T @ r                      # dL/da_j
        gb = a * (ds.T @ r)               # dL/db_j
        gw = a[:, None] * ((ds * r[:, None]).T @ X)  # dL/dw_jk
        a, b, w = a - eta * ga, b - eta * gb, w - eta * gw
        k += 1
    return dict(lambda_max=float(lam), learning_rate=float(eta), steps=k, loss=L,
                w=w.tolist(), b=b.tolist(), a=a.tolist(), stopped=stopped)


def pairs(rng, m, d, wl, bl, al, normal=False):
    k = m // 2
    if normal:
        w = rng.normal(0, wl, (k, d)); b = rng.normal(-1, bl, k); a = rng.normal(0, al, k)
    else:
        w = rng.uniform(-wl, wl, (k, d)); b = rng.uniform(-bl, bl, k); a = rng.uniform(-al, al, k)
    return np.repeat(w, 2, axis=0), np.repeat(b, 2), np.stack([a, -a], 1).ravel()


rng = np.random.default_rng(20261207)
X5 = np.array([[-0.8], [-0.6], [-0.3], [-0.06], [0.1]])
Y5 = np.array([0.25, -0.25, -0.07, 0.15, -0.05])
XX = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
YX = np.array([1.0, -1.0, -1.0, 1.0])
grid5 = np.linspace(-0.8, 0.1, 7)[:, None]
gridX = np.array([[-0.5, 0.25], [0.0, 0.0], [0.75, -1.0]])
cases = []
# Levels chosen so that each run takes at most a few 10^4 steps (the test runs a debug build).
for name, act, X, Y, grid, m, (wl, bl, al), normal, c, level, snap in [
    ("cubic-relu", "relu", X5, Y5, grid5, 24, (3, 3, 0.1), False, 0.9, 1e-4, 1e-3),
    ("linear-relu", "relu", X5, Y5, grid5, 24, (0.2, 1, 1), False, 0.9, 1e-4, 1e-3),
    ("tanh", "tanh", X5, Y5, grid5, 24, (3, 1, 1), False, 1.5, 1e-4, 1e-3),
    ("xor-relu", "relu", XX, YX, gridX, 16, (0.8, 2, 0.2), True, 0.9, 1e-8, 8e-5),
]:
    # Small widths keep the debug-build test short; redraw until the initial NTK is well
    # conditioned (lambda_min/lambda_max > 1e-4), so that GD reaches the level quickly.
    while True:
        w, b, a = pairs(rng, m, X.shape[1], wl, bl, al, normal)
        ev = np.linalg.eigvalsh(ntk(X, w, b, a, act))
        if ev[0] > 1e-4 * ev[-1]:
            break
    out = train(X, Y, w.copy(), b.copy(), a.copy(), act, c, level, snap=snap, max_steps=60000)
    wf, bf, af = np.array(out["w"]), np.array(out["b"]), np.array(out["a"])
    out["h_grid"] = forward(grid, wf, bf, af, act)[0].tolist()
    cases.append(dict(name=name, activation=act, x=X.tolist(), y=Y.tolist(), grid=grid.tolist(),
                      lr_factor=c, until_loss=level, snapshot_loss=snap, w0=w.tolist(), b0=b.tolist(), a0=a.tolist(), **out))
print(json.dumps(dict(generator="make_gd_fixtures.py, numpy " + np.__version__, cases=cases), indent=1))
