#!/usr/bin/env python3
"""PyTorch CPU float64 peer of train-bench: same network (SETUP_init.json), data
(SETUP_data.csv), loss, optimiser and step count; records the loss every step
like the Swift trainer. Usage: peer.py SETUP OPTIMIZER STEPS OUTDIR THREADS"""
import json
import sys
import time

import numpy as np
import torch

setup, opt_name, steps, out_dir, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
torch.set_num_threads(threads)
torch.set_default_dtype(torch.float64)

net = json.load(open(f"{out_dir}/{setup}_init.json"))
raw = np.loadtxt(f"{out_dir}/{setup}_data.csv", delimiter=",", skiprows=1, ndmin=2)
header = open(f"{out_dir}/{setup}_data.csv").readline().strip().split(",")
d = sum(1 for h in header if h.startswith("x"))
X = torch.tensor(raw[:, :d])
Y = torch.tensor(raw[:, d:])

layers = []
for layer in net["layers"]:
    w = torch.tensor(layer["weight"])
    lin = torch.nn.Linear(w.shape[1], w.shape[0])
    with torch.no_grad():
        lin.weight.copy_(w)
        lin.bias.copy_(torch.tensor(layer["bias"]))
    layers.append(lin)
mods = []
for i, lin in enumerate(layers):
    mods.append(lin)
    if i < len(layers) - 1:
        mods.append(torch.nn.Tanh())
model = torch.nn.Sequential(*mods)

if setup == "1d":
    crit = torch.nn.MSELoss()
    lr = 2e-5 if opt_name == "adam" else 1e-3
else:
    crit = torch.nn.CrossEntropyLoss()
    lr = 1e-3 if opt_name == "adam" else 0.1
opt = torch.optim.Adam(model.parameters(), lr=lr) if opt_name == "adam" else torch.optim.SGD(model.parameters(), lr=lr)

losses = []
start = time.perf_counter()
cpu_start = time.process_time()
for _ in range(steps):
    opt.zero_grad()
    loss = crit(model(X), Y)
    losses.append(loss.item())
    loss.backward()
    opt.step()
with torch.no_grad():
    losses.append(crit(model(X), Y).item())
seconds = time.perf_counter() - start
cpu = time.process_time() - cpu_start
print(f"engine=torch setup={setup} optimizer={opt_name} steps={steps} threads={torch.get_num_threads()} "
      f"seconds={seconds} steps_per_s={steps / seconds} cpu_seconds={cpu} cpu_steps_per_s={steps / cpu} "
      f"loss0={losses[0]} final_loss={losses[-1]}")
