#!/usr/bin/env python3
"""The peer of Benchmarks/lfp-gd: full-batch GD on the two-layer ReLU network
h(x) = sum_j a_j relu(w_j x + b_j) on 5 points, in numpy float64 (vectorised over the
neurons, the obvious array implementation), for a fixed number of steps.

  peer.py WIDTH STEPS SEED  ->  prints "steps=N cpu=S wall=S loss=L"
"""
import sys
import time

import numpy as np

X = np.array([-0.8, -0.6, -0.3, -0.06, 0.1])
Y = np.array([0.25, -0.25, -0.07, 0.15, -0.05])


def main():
    m, steps, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(seed)
    half = m // 2
    w0, b0, a0 = rng.uniform(-1, 1, half), rng.uniform(-1, 1, half), rng.uniform(-0.1, 0.1, half)
    w, b, a = np.concatenate([w0, w0]), np.concatenate([b0, b0]), np.concatenate([a0, -a0])
    # eta = 0.9 / lambda_max of the initial empirical NTK on the data
    z = np.outer(X, w) + b
    on = (z > 0).astype(float)
    J = np.concatenate([np.maximum(z, 0), a * on * X[:, None], a * on], axis=1)
    eta = 0.9 / np.linalg.eigvalsh(J @ J.T)[-1]
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(steps):
        z = np.outer(X, w) + b
        s = np.maximum(z, 0)
        ds = (z > 0).astype(float)
        r = s @ a - Y
        ga = r @ s
        gs = r @ ds
        gw = (r * X) @ ds
        a, w, b = a - eta * ga, w - eta * (a * gw), b - eta * (a * gs)
    r = np.maximum(np.outer(X, w) + b, 0) @ a - Y
    print(f"steps={steps} cpu={time.process_time() - c0:.4f} wall={time.perf_counter() - t0:.4f} loss={0.5 * r @ r:.3e}")


if __name__ == "__main__":
    main()
