"""Fixture for Tests/SpectralTests/ProjectionMethodTests.swift: the projection
method of 1901.06523 computed independently with numpy (numpy.linalg.eigh for
the principal components, a direct complex-exponential sum for the non-uniform
DFT). Run once: python3 make_projection_fixture.py > projection_method.json

Conventions (those of Spectral.PrincipalComponents / ProjectionSpectrum):
- covariance C = (1/n) Σ (x_j − x̄)(x_j − x̄)ᵀ; directions by decreasing
  variance, each with its component of largest magnitude positive;
- ŷ_{p,k,c} = (1/n) Σ_j y_{j,c} exp(−2πi k p·x_j), ‖ŷ_{p,k}‖ over channels c;
- peaks: interior strict local maxima of ‖ŷ_{p,k}‖ with ‖ŷ‖ ≥ 0.1 × max;
- Δ_F(k) = ‖ĥ_{p,k} − ŷ_{p,k}‖ / ‖ŷ_{p,k}‖ at the peaks.
"""
import json
import sys

import numpy as np

rng = np.random.default_rng(20261207)
n, d, m = 60, 4, 2
# Anisotropic inputs (distinct variances, so the components are well separated).
scales = np.array([2.0, 1.2, 0.7, 0.3])
rotation, _ = np.linalg.qr(rng.standard_normal((d, d)))
x = (rng.standard_normal((n, d)) * scales) @ rotation.T + 0.5
t1 = x @ rotation[:, 0]
y = np.stack([np.sin(1.3 * t1) + 0.5 * np.sin(3.1 * t1), np.cos(0.7 * t1)], axis=1)
h = y + 0.3 * rng.standard_normal((n, m))

mean = x.mean(axis=0)
cov = (x - mean).T @ (x - mean) / n
w, v = np.linalg.eigh(cov)
order = np.argsort(w)[::-1]
w, v = w[order], v[:, order]
for j in range(d):
    big = np.argmax(np.abs(v[:, j]))
    if v[big, j] < 0:
        v[:, j] = -v[:, j]
p = v[:, 0]

ks = np.linspace(0.0, 1.5, 61)
proj = x @ p
e = np.exp(-2j * np.pi * np.outer(ks, proj))
yhat = e @ y / n
hhat = e @ h / n
mag = np.linalg.norm(yhat, axis=1)
floor = 0.1 * mag.max()
peaks = [i for i in range(1, len(ks) - 1) if mag[i] >= floor and mag[i] > mag[i - 1] and mag[i] > mag[i + 1]]
delta = [float(np.linalg.norm(hhat[i] - yhat[i]) / np.linalg.norm(yhat[i])) for i in peaks]

json.dump(
    {
        "generator": "numpy " + np.__version__ + ", make_projection_fixture.py",
        "n": n, "d": d, "m": m,
        "inputs": x.ravel().tolist(), "targets": y.ravel().tolist(), "outputs": h.ravel().tolist(),
        "variances": w.tolist(), "directions": v.T.tolist(),
        "frequencies": ks.tolist(),
        "magnitudes": mag.tolist(),
        "transform_real": yhat.real.ravel().tolist(), "transform_imag": yhat.imag.ravel().tolist(),
        "peaks": peaks, "relative_errors": delta,
    },
    sys.stdout, indent=1)
