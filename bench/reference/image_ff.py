#!/usr/bin/python3
"""PyTorch reference of the image-regression protocol that `fields bench image` runs with Fourier features.

Protocol (Tancik et al. 2020, image regression; PAPERS.md section 5), as the Java code runs it:
  * input: a float32 .npy of the already cropped and resized image, H x W (grey) or H x W x C, values in [0, 1]
    (`fields` writes it with dev.fields.io.array.NpyWriter, so both sides see the same pixels);
  * split: train on y[::2, ::2], test on y[1::2, 1::2];
  * coordinates: pixel (col, row) sits at (col / W, row / H) on the full grid, so the train grid is
    (2i / W, 2j / H) and the test grid ((2i + 1) / W, (2j + 1) / H);
  * encoding: Gaussian Fourier features, m = 256, sigma = 10, B ~ N(0, sigma^2) of shape (m, 2), fixed;
    features [cos(2 pi B x), sin(2 pi B x)] in that order;
  * network: 3 x 256 ReLU, then a linear layer with C outputs and a sigmoid head; MSE on the sigmoid output;
    Glorot-normal weights (variance 2 / (fan_in + fan_out)), zero biases;
  * parameterization `plain` (W) or `rwf` (random weight factorization, Wang et al. 2022): every layer, the output
    layer included, uses W = diag(g) V in PyTorch's (out, in) layout, i.e. one g per output neuron (the Java
    DenseLayer stores W as in x out and scales its columns: the same thing). Init: W Glorot, s ~ N(mu=1, 0.1),
    g = exp(s), V = W / g row-wise, so step 0 is the Glorot network; g itself is trained; B is not factorized;
  * Adam lr 1e-3, betas (0.9, 0.999), eps 1e-8, full batch, N steps, float32, 2 threads;
  * metrics after the last step: PSNR = 10 log10(1 / MSE) over all pixels and channels of the sigmoid output, on
    the test grid and on the train grid; SSIM on the test grid (11 x 11 Gaussian window, sigma 1.5, valid region,
    population covariance, averaged over channels: the definition of the Java ImageMetrics.ssim).

Seeds seed torch's RNG. The Java side draws from java.util.SplittableRandom, so a seed here and the same seed there
give different B, W and s: only their distributions agree. Compare seeded means and spreads, never single runs.

`seconds` is the wall time of the training loop, like the Java trainer's: it includes the encoding of the inputs at
every step and a train/test PSNR evaluation every max(1, N / 10) steps (the Java bench's eval cadence).

This is the project's own reference implementation, not the authors' code.
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time

import numpy as np
import torch

FEATURES = 256  # Fourier features m (Tancik et al. 2020, image regression)
SIGMA = 10.0  # Fourier scale sigma for natural images (Tancik et al. 2020)
WIDTH, DEPTH = 256, 3  # 3 x 256 ReLU + output layer (Tancik et al. 2020)
LR, BETAS, EPS = 1e-3, (0.9, 0.999), 1e-8
RWF_SIGMA = 0.1  # RWF: s ~ N(mu, 0.1), mu = 1 by default (Wang et al. 2022, section 3)
THREADS = 2


class Dense(torch.nn.Module):
    """y = h W^T + b with W plain, or W = diag(g) V (RWF)."""

    def __init__(self, fan_in, fan_out, param, rwf_mu):
        super().__init__()
        w = torch.randn(fan_out, fan_in) * math.sqrt(2.0 / (fan_in + fan_out))  # Glorot normal
        self.b = torch.nn.Parameter(torch.zeros(fan_out))
        self.rwf = param == "rwf"
        if self.rwf:
            g = torch.exp(rwf_mu + RWF_SIGMA * torch.randn(fan_out))
            self.g = torch.nn.Parameter(g)
            self.v = torch.nn.Parameter(w / g[:, None])
        else:
            self.w = torch.nn.Parameter(w)

    def weight(self):
        return self.g[:, None] * self.v if self.rwf else self.w

    def forward(self, h):
        return torch.addmm(self.b, h, self.weight().t())


class FourierField(torch.nn.Module):
    """Gaussian Fourier features, DEPTH ReLU layers of WIDTH, a linear output layer; raw outputs (before the sigmoid)."""

    def __init__(self, channels, param, rwf_mu):
        super().__init__()
        self.register_buffer("B", torch.randn(FEATURES, 2) * SIGMA)  # B ~ N(0, sigma^2), not trained
        widths = [2 * FEATURES] + [WIDTH] * DEPTH + [channels]
        self.layers = torch.nn.ModuleList(Dense(widths[i], widths[i + 1], param, rwf_mu) for i in range(len(widths) - 1))

    def forward(self, x):
        t = (2 * math.pi) * (x @ self.B.t())
        h = torch.cat([torch.cos(t), torch.sin(t)], dim=1)
        for layer in self.layers[:-1]:
            h = torch.relu(layer(h))
        return self.layers[-1](h)


def grid(rows, cols, offset, width, height):
    """Coordinates (col / W, row / H) of pixels (offset + 2i, offset + 2j), row-major like the image."""
    xs = (offset + 2 * torch.arange(cols, dtype=torch.float32)) / width
    ys = (offset + 2 * torch.arange(rows, dtype=torch.float32)) / height
    yy, xx = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1)


def psnr(pred, target):
    mse = torch.mean((pred - target).double() ** 2).item()  # float32 differences, float64 sum: as ImageMetrics
    return -10.0 * math.log10(max(mse, 1e-20))


def ssim(pred, target):
    """Mean SSIM of two H x W x C images in [0, 1] with the Java ImageMetrics.ssim definition."""
    from skimage.metrics import structural_similarity

    return float(structural_similarity(pred.astype(np.float64), target.astype(np.float64), channel_axis=2, data_range=1.0,
                                       gaussian_weights=True, sigma=1.5, use_sample_covariance=False))


def load(path):
    y = np.load(path)
    if y.ndim == 2:
        y = y[:, :, None]
    if y.ndim != 3 or y.shape[2] not in (1, 3) or y.dtype.kind != "f":
        sys.exit(f"error: {path}: expected a float array H x W or H x W x C (C = 1 or 3), got {y.dtype} {y.shape}")
    if y.min() < 0 or y.max() > 1:
        sys.exit(f"error: {path}: values must be in [0, 1], got [{y.min()}, {y.max()}]; scale the image first")
    return np.ascontiguousarray(y, dtype=np.float32)


def run(y, param, seed, steps, rwf_mu):
    torch.manual_seed(seed)
    height, width, channels = y.shape
    train_y, test_y = y[::2, ::2], y[1::2, 1::2]
    train_x = grid(train_y.shape[0], train_y.shape[1], 0, width, height)
    test_x = grid(test_y.shape[0], test_y.shape[1], 1, width, height)
    train_t = torch.from_numpy(train_y.reshape(-1, channels).copy())
    test_t = torch.from_numpy(test_y.reshape(-1, channels).copy())
    net = FourierField(channels, param, rwf_mu)
    opt = torch.optim.Adam(net.parameters(), lr=LR, betas=BETAS, eps=EPS)
    every = max(1, steps // 10)
    curve = []

    def evaluate():
        with torch.no_grad():
            return torch.sigmoid(net(train_x)), torch.sigmoid(net(test_x))

    t0 = time.perf_counter()
    for step in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = torch.mean((torch.sigmoid(net(train_x)) - train_t) ** 2)
        loss.backward()
        value = loss.item()
        if not math.isfinite(value):
            sys.exit(f"error: {param} seed {seed} diverged at step {step + 1} (loss {value})")
        opt.step()
        done = step + 1
        if done % every == 0 or done == steps:
            tr, te = evaluate()
            curve.append({"step": done, "loss": value, "train_psnr": psnr(tr, train_t), "test_psnr": psnr(te, test_t)})
    seconds = time.perf_counter() - t0
    tr, te = evaluate()
    test_img = te.numpy().reshape(test_y.shape)
    return {"param": param, "seed": seed, "steps": steps,
            "test_psnr": psnr(te, test_t), "train_psnr": psnr(tr, train_t), "test_ssim": ssim(test_img, test_y),
            "seconds": seconds, "parameters": sum(p.numel() for p in net.parameters()), "curve": curve}


def summary(records, params):
    out = {}
    for p in params:
        rs = [r for r in records if r["param"] == p]
        out[p] = {"seeds": [r["seed"] for r in rs]}
        for k in ("test_psnr", "train_psnr", "test_ssim", "seconds"):
            v = [r[k] for r in rs]
            out[p][k + "_mean"] = statistics.fmean(v)
            out[p][k + "_std"] = statistics.stdev(v) if len(v) > 1 else 0.0
    return out


def write_json(path, obj):
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix="." + os.path.basename(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(obj, f, indent=2)
            f.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main():
    ap = argparse.ArgumentParser(description="PyTorch reference of the Fourier-features image-regression protocol.")
    ap.add_argument("--image", required=True, help="float .npy, H x W or H x W x C in [0, 1], already cropped and resized")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--seeds", default="0,1,2", help="comma-separated torch seeds")
    ap.add_argument("--params", default="plain,rwf", help="comma-separated: plain, rwf")
    ap.add_argument("--rwf-mu", type=float, default=1.0, help="mean of s in g = exp(s) (the authors also use 0.5)")
    ap.add_argument("--out", required=True, help="result JSON")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    params = a.params.split(",")
    for p in params:
        if p not in ("plain", "rwf"):
            sys.exit(f"error: unknown parameterization '{p}' (use plain, rwf)")
    if a.steps < 1:
        sys.exit(f"error: --steps must be >= 1, got {a.steps}")
    torch.set_num_threads(THREADS)
    torch.set_default_dtype(torch.float32)
    y = load(a.image)
    records = []
    for p in params:
        for s in seeds:
            r = run(y, p, s, a.steps, a.rwf_mu)
            records.append(r)
            print(f"{p:5s} seed {s}: test PSNR {r['test_psnr']:6.2f} dB  train {r['train_psnr']:6.2f} dB  "
                  f"test SSIM {r['test_ssim']:.4f}  ({r['seconds']:.1f} s)", flush=True)
    summ = summary(records, params)
    for p, m in summ.items():
        print(f"{p:5s} test PSNR {m['test_psnr_mean']:.2f} ± {m['test_psnr_std']:.2f} dB  train {m['train_psnr_mean']:.2f} "
              f"± {m['train_psnr_std']:.2f} dB  {m['seconds_mean']:.1f} s/run  (n = {len(m['seeds'])}, std over seeds, ddof 1)")
    protocol = {
        "task": "image regression (Tancik et al. 2020)", "image": a.image, "shape": list(y.shape),
        "split": "train y[::2, ::2], test y[1::2, 1::2]", "coords": "(col / W, row / H) of the full grid",
        "encoding": {"type": "gaussian_fourier", "features": FEATURES, "sigma": SIGMA, "layout": "[cos(2 pi B x), sin(2 pi B x)]"},
        "network": {"hidden": [WIDTH] * DEPTH, "activation": "relu", "head": "sigmoid", "init": "glorot_normal, zero bias"},
        "rwf": {"mu": a.rwf_mu, "sigma": RWF_SIGMA, "trained": "g"},
        "loss": "mse on sigmoid output", "optimizer": {"type": "adam", "lr": LR, "betas": list(BETAS), "eps": EPS},
        "batch": "full", "steps": a.steps, "dtype": "float32", "threads": THREADS, "eval_every": max(1, a.steps // 10),
    }
    env = {"python": platform.python_version(), "torch": torch.__version__, "numpy": np.__version__,
           "machine": platform.machine()}
    write_json(a.out, {"protocol": protocol, "environment": env, "summary": summ, "runs": records})


if __name__ == "__main__":
    main()
