#!/usr/bin/env python3
"""PyTorch reference trajectories for the NeuralNetworks cross-check.

Each case: a fully connected float64 network (torch.nn.Linear layers, the given
activation between them, last layer linear), initial weights drawn here with
numpy (seeded) and stored in the fixture, a small data set stored in the fixture,
and the training loss before every step and after the last (steps + 1 values)
of full-batch torch.optim.SGD (plain GD / momentum) or torch.optim.Adam.

Run once:  .venv/bin/python Tests/Fixtures/NeuralNetworks/make_torch_fixtures.py
Writes torch_training.json beside this script.
"""
import json
import math
import os

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

ACT = {
    "tanh": torch.tanh,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "softplus": torch.nn.functional.softplus,
    "gelu": lambda z: torch.nn.functional.gelu(z, approximate="none"),
    "elu": torch.nn.functional.elu,
    "sin": torch.sin,
}


def network_json(widths, rng, std):
    layers = []
    for l in range(1, len(widths)):
        w = rng.normal(0.0, std if std else math.sqrt(2.0 / (widths[l - 1] + widths[l])), size=(widths[l], widths[l - 1]))
        b = rng.normal(0.0, 0.1, size=widths[l])
        layers.append({"weight": w.tolist(), "bias": b.tolist()})
    return layers


def run_case(name, widths, activation, loss, optimizer, steps, x, y, seed, std=None):
    rng = np.random.default_rng(seed)
    layers = network_json(widths, rng, std)
    mods = []
    for layer in layers:
        w = torch.tensor(layer["weight"])
        lin = torch.nn.Linear(w.shape[1], w.shape[0])
        with torch.no_grad():
            lin.weight.copy_(w)
            lin.bias.copy_(torch.tensor(layer["bias"]))
        mods.append(lin)
    params = [p for m in mods for p in m.parameters()]
    act = ACT[activation]

    def forward(inp):
        a = inp
        for i, m in enumerate(mods):
            a = m(a)
            if i < len(mods) - 1:
                a = act(a)
        return a

    X = torch.tensor(x)
    Y = torch.tensor(y)
    if loss == "mse":
        crit = torch.nn.MSELoss()
    elif loss == "huber":
        crit = torch.nn.HuberLoss(delta=1.0)
    elif loss == "l1":
        crit = torch.nn.L1Loss()
    elif loss == "cross_entropy":
        crit = torch.nn.CrossEntropyLoss()  # probability (one-hot) targets
    else:
        raise ValueError(loss)

    if optimizer["kind"] == "gd":
        opt = torch.optim.SGD(params, lr=optimizer["lr"])
    elif optimizer["kind"] == "momentum":
        opt = torch.optim.SGD(params, lr=optimizer["lr"], momentum=optimizer["momentum"])
    elif optimizer["kind"] == "adam":
        opt = torch.optim.Adam(params, lr=optimizer["lr"], betas=(optimizer["beta1"], optimizer["beta2"]), eps=optimizer["eps"])
    else:
        raise ValueError(optimizer)

    losses = []
    for _ in range(steps):
        opt.zero_grad()
        L = crit(forward(X), Y)
        losses.append(L.item())
        L.backward()
        opt.step()
    with torch.no_grad():
        losses.append(crit(forward(X), Y).item())
    return {
        "name": name,
        "activation": activation,
        "loss": loss,
        "optimizer": optimizer,
        "steps": steps,
        "data": {"d": widths[0], "k": widths[-1], "x": np.asarray(x).ravel().tolist(), "y": np.asarray(y).ravel().tolist()},
        "network": {"activation": activation, "layers": layers},
        "losses": losses,
    }


def main():
    cases = []
    # 1-D regression, sin(pi x) + 0.5 sin(4 pi x) on 40 points of [-1, 1].
    x1 = np.linspace(-1, 1, 40).reshape(-1, 1)
    y1 = np.sin(np.pi * x1) + 0.5 * np.sin(4 * np.pi * x1)
    cases.append(run_case("gd_tanh_mse_1d", [1, 32, 32, 1], "tanh", "mse", {"kind": "gd", "lr": 0.05}, 200, x1, y1, 1))
    cases.append(run_case("adam_tanh_mse_1d", [1, 32, 32, 1], "tanh", "mse",
                          {"kind": "adam", "lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}, 200, x1, y1, 2))
    # The F-Principle reference scale: N(0, 0.05^2) weights, Adam.
    cases.append(run_case("adam_sin_mse_1d_small_init", [1, 20, 20, 1], "sin", "mse",
                          {"kind": "adam", "lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}, 200, x1, y1, 3, std=0.05))
    # 3-D inputs, 4 classes, softmax cross-entropy with GELU, GD.
    rng = np.random.default_rng(10)
    x3 = rng.uniform(-1, 1, size=(30, 3))
    labels = rng.integers(0, 4, size=30)
    y3 = np.eye(4)[labels]
    cases.append(run_case("gd_gelu_ce_3d", [3, 16, 16, 4], "gelu", "cross_entropy", {"kind": "gd", "lr": 0.2}, 200, x3, y3, 4))
    # 2-D inputs, vector output k = 2, Huber loss, softplus, momentum.
    x2 = rng.uniform(-1, 1, size=(25, 2))
    y2 = np.stack([np.sin(3 * x2[:, 0]) * x2[:, 1], np.cos(2 * x2[:, 1])], axis=1) * 2
    cases.append(run_case("momentum_softplus_huber_2d", [2, 24, 12, 2], "softplus", "huber",
                          {"kind": "momentum", "lr": 0.05, "momentum": 0.9}, 200, x2, y2, 5))
    # ReLU, Adam, MSE on 2-D.
    cases.append(run_case("adam_relu_mse_2d", [2, 24, 24, 1], "relu", "mse",
                          {"kind": "adam", "lr": 5e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}, 200, x2, y2[:, :1], 6))
    out = {"generator": "make_torch_fixtures.py", "torch": torch.__version__, "numpy": np.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_training.json")
    with open(path, "w") as f:
        json.dump(out, f)
    for c in cases:
        print(c["name"], c["losses"][0], c["losses"][-1])


if __name__ == "__main__":
    main()
