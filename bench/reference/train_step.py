#!/usr/bin/python3
"""PyTorch reference of `fields bench train`: the time of one Adam step of the Fourier-features network.

The step, as TrainStepBench times it: 2-D inputs x ~ U[0, 1) and targets y ~ U[0, 1)^3 fixed for the run;
  * encoding: Gaussian Fourier features, m = 256, sigma = 10, B ~ N(0, sigma^2) of shape (m, 2), fixed;
    e = [cos(2 pi x B^T), sin(2 pi x B^T)] (512 values per point, computed inside every step as the Java side does);
  * network: 3 hidden layers of width W with ReLU, a linear output layer with 3 outputs, float32;
  * loss: mean squared error over all points and outputs; backward; one Adam step (lr 1e-3);
  * threads: torch.set_num_threads(2) by default (the machine's cores).
Median wall time over the timed steps after warm-up, and GFLOP/s counted as in the Java bench: three times the
forward's multiply-adds, the encoding's 2 x 512 included (nominal: autograd skips the input gradient of the first
layer, as the fused Java kernel does).

This is the project's own reference implementation.
"""
import argparse
import json
import platform
import statistics
import sys
import time

import torch

FEATURES, SIGMA, DEPTH, OUTPUTS = 256, 10.0, 3, 3


def network(width):
    layers, fan_in = [], 2 * FEATURES
    for _ in range(DEPTH):
        layers += [torch.nn.Linear(fan_in, width), torch.nn.ReLU()]
        fan_in = width
    layers.append(torch.nn.Linear(fan_in, OUTPUTS))
    return torch.nn.Sequential(*layers)


def flops(width, batch):
    macs = 2 * 2 * FEATURES + 2 * FEATURES * width + (DEPTH - 1) * width * width + width * OUTPUTS
    return 3 * 2 * macs * batch


def time_steps(width, batch, steps, warmup, seed):
    torch.manual_seed(seed)
    b = torch.randn(FEATURES, 2) * SIGMA
    x, y = torch.rand(batch, 2), torch.rand(batch, OUTPUTS)
    net = network(width)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        t = 2 * torch.pi * x @ b.T
        e = torch.cat([torch.cos(t), torch.sin(t)], dim=1)
        loss = torch.mean((net(e) - y) ** 2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        dt = (time.perf_counter() - t0) * 1e3
        if i >= warmup:
            times.append(dt)
    return statistics.median(times), min(times), max(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--widths", default="32,64,128,256")
    ap.add_argument("--batches", default="16384,65536")
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="also write the results as JSON here")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rows = []
    print(f"PyTorch {torch.__version__}, {a.threads} threads, median of {a.steps} steps after {a.warmup} warm-up")
    print(f"{'width':>6} {'batch':>7} {'ms/step':>9} {'min':>8} {'max':>8} {'GFLOP/s':>8}")
    for batch in [int(v) for v in a.batches.split(",")]:
        for width in [int(v) for v in a.widths.split(",")]:
            med, lo, hi = time_steps(width, batch, a.steps, a.warmup, a.seed)
            g = flops(width, batch) / (med / 1e3) / 1e9
            print(f"{width:>6} {batch:>7} {med:>9.1f} {lo:>8.1f} {hi:>8.1f} {g:>8.1f}", flush=True)
            rows.append(dict(width=width, batch=batch, ms_median=med, ms_min=lo, ms_max=hi, gflops=g))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(dict(protocol="fields bench train", threads=a.threads, steps=a.steps, warmup=a.warmup,
                           python=sys.version.split()[0], torch=torch.__version__, machine=platform.machine(),
                           results=rows), f, indent=2)


if __name__ == "__main__":
    main()
