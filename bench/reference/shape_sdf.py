#!/usr/bin/python3
"""PyTorch reference of the shape (SDF) protocol that `fields fit-shape` and `fields bench shape` run.

Protocol (preset `shape`, ShapeTask / ShapeProblem), as the Java code runs it:
  * data: the points `fields bench shape-pool` writes (the trainer's own SamplePool and ShapeProblem's evaluation
    sets, field units, the mesh normalized into [-1, 1]^3): a pool of N points per kind (surface with outward unit
    normals and distance 0; near-surface with N(0, 0.01^2) and N(0, 0.08^2) noise, clamped to the box; uniform in the
    box), each with its signed distance (negative inside);
  * batch: every step `batch` points drawn with replacement, kind k with probability mix_k (u ~ U(0, 1), k the number
    of cumulative fractions <= u), then a uniform index into that kind;
  * field: Gaussian Fourier features in Encoder.java's layout, sin(x M + phase) with M = 2 pi [B^T | B^T] and phase
    [pi/2 ... | 0 ...], i.e. [cos 2 pi B x, sin 2 pi B x], B ~ N(0, sigma^2) (features x 3); an MLP with ReLU or
    softplus (beta 1) between layers and none after the last, identity head. Glorot normal weights (variance
    2 / (fan_in + fan_out)), zero biases; `plain` or `rwf` on every layer, the output layer included, as the Java
    DenseLayer: W = V diag(g), s ~ N(mu, sigma) per output neuron, g = exp(s), V = W / g at init, and the trainable
    factor is g itself (not s);
  * loss (ShapeTask, SDF mode): mean over the batch of |f - sdf| (optionally both clamped to +-clamp, no gradient
    where f lies outside); then the gradient terms on the first `gradient points` batch points that qualify (surface
    points when the normal or the eikonal weight is > 0, other points when the eikonal weight is > 0): grad f by
    forward differences (f(x + h e_a) - f(x)) / h, h = 1e-3 (float32 stencil rows x + h e_a forwarded with the
    batch, as ForwardDifferences.java), the normal term normal * mean |grad f - n|^2 over the surface points among
    them (when normal > 0), the eikonal term eikonal * mean (|grad f| - 1)^2 over the rest. Autograd back-propagates
    through the stencil rows exactly as ForwardDifferences.scatter does;
  * optimizer: Adam (0.9, 0.999, eps 1e-8) on every parameter (V, g, b or W, b), learning rate
    lr * decay^(t / steps) at 0-based step t (Java's Adam with lrDecaySteps = steps); float32, 2 threads;
  * progress: the IoU on the first 16,384 uniform evaluation points every steps/10 steps (the Java trainer evaluates
    its own 16,384 held-out points on the same period in `fields bench shape`), inside the timed loop;
  * metrics, on the dump's evaluation sets, as ShapeProblem.evaluate: IoU uniform and near-surface (inside where
    f < 0); at the surface points with outward normals, grad f by central differences (h = 1e-3, float32
    differences (f(x + h e_a) - f(x - h e_a)) / (2h)), the angle to the normal (90 deg where grad f = 0) as a mean
    and a 95th percentile (sorted[floor(0.95 (n - 1))]) and the mean |grad f| (GradientAlignment.java); the Lipschitz
    estimate of LipschitzEstimate.java: central-difference gradient norms at the 65,536 box points where |f| < 0.1,
    max(1, 1.25 x sorted[floor(0.999 (m - 1))]), 1 when fewer than 100 points qualify.

Defaults (network sizes, lr, decay, steps, batch, mix, terms) come from the configuration stored in the dump's
shape-pool.json, i.e. the preset; the options override them.

This is the project's own reference implementation, not any paper's code.
"""
import argparse
import json
import math
import os
import platform
import statistics
import time

import numpy as np
import torch

H = np.float32(1e-3)
KINDS = ("surface", "near_a", "near_b", "uniform")


class Dump:
    """The arrays `fields bench shape-pool` wrote, as float32 tensors."""

    def __init__(self, folder):
        with open(os.path.join(folder, "shape-pool.json")) as f:
            self.meta = json.load(f)
        load = lambda name: torch.from_numpy(np.load(os.path.join(folder, name + ".npy")).astype(np.float32))
        self.xyz = torch.cat([load(f"pool_{k}_xyz") for k in KINDS])
        self.sdf = torch.cat([load(f"pool_{k}_sdf") for k in KINDS])
        self.n = self.xyz.shape[0] // 4
        self.normals = torch.zeros_like(self.xyz)
        self.normals[:self.n] = load("pool_surface_normals")
        self.surface = torch.zeros(4 * self.n, dtype=torch.bool)
        self.surface[:self.n] = True
        self.eval = {k: load(k) for k in ("eval_uniform_xyz", "eval_uniform_inside", "eval_near_xyz", "eval_near_inside",
                                          "eval_surface_xyz", "eval_surface_normals", "eval_lipschitz_xyz")}
        mix = self.meta["config"]["task"]["mix"]
        w = np.array([mix["surface"], mix["nearA"], mix["nearB"], mix["uniform"]], dtype=np.float64)
        self.cum = torch.tensor(np.cumsum(w / w.sum())[:3], dtype=torch.float64)

    def draw(self, batch, gen):
        """Indices of a batch as SamplePool.draw picks them: a kind by the mix, then a uniform index into it."""
        u = torch.rand(batch, generator=gen, dtype=torch.float64)
        kind = torch.bucketize(u, self.cum, right=True)
        return kind * self.n + torch.randint(self.n, (batch,), generator=gen)


class Dense(torch.nn.Module):
    def __init__(self, fi, fo, rwf, mu, sigma, gen):
        super().__init__()
        w = torch.randn(fi, fo, generator=gen) * math.sqrt(2.0 / (fi + fo))  # stored in x out, as DenseLayer
        self.b = torch.nn.Parameter(torch.zeros(fo))
        self.rwf = rwf
        if rwf:
            g = torch.exp(mu + sigma * torch.randn(fo, generator=gen))
            self.g = torch.nn.Parameter(g)  # the factor g itself is trained, not s = log g (as the Java DenseLayer)
            self.v = torch.nn.Parameter(w / g[None, :])
        else:
            self.w = torch.nn.Parameter(w)

    def forward(self, h):
        w = self.v * self.g[None, :] if self.rwf else self.w
        return h @ w + self.b


class Field(torch.nn.Module):
    def __init__(self, features, sigma, hidden, activation, rwf, mu, rsigma, gen):
        super().__init__()
        b = torch.randn(features, 3, generator=gen, dtype=torch.float64) * sigma
        m = 2 * math.pi * torch.cat([b.t(), b.t()], 1)  # 3 x 2F, computed in double and rounded once, as Encoder.java
        phase = torch.cat([torch.full((features,), math.pi / 2, dtype=torch.float64), torch.zeros(features, dtype=torch.float64)])
        self.register_buffer("m", m.float())
        self.register_buffer("phase", phase.float())
        dims = [2 * features] + hidden + [1]
        self.layers = torch.nn.ModuleList([Dense(dims[i], dims[i + 1], rwf, mu, rsigma, gen) for i in range(len(dims) - 1)])
        self.act = torch.relu if activation == "relu" else torch.nn.functional.softplus

    def forward(self, x):
        h = torch.sin(x @ self.m + self.phase)
        for i, l in enumerate(self.layers):
            h = l(h)
            if i < len(self.layers) - 1:
                h = self.act(h)
        return h[:, 0]

    @torch.no_grad()
    def values(self, x, chunk=65536):
        return torch.cat([self(x[s:s + chunk]) for s in range(0, x.shape[0], chunk)])


def iou(values, inside):
    pred, truth = values < 0, inside > 0.5
    union = (pred | truth).sum().item()
    return 1.0 if union == 0 else (pred & truth).sum().item() / union


def central_gradients(net, x):
    """grad f at x (n x 3) by central differences with float32 stencils and float32 differences, as the Java metrics."""
    eye = torch.eye(3) * torch.tensor(H)
    p = torch.cat([x[:, None, :] + eye[None], x[:, None, :] - eye[None]], 1).reshape(-1, 3)
    v = net.values(p).reshape(-1, 2, 3)
    g = (v[:, 0, :] - v[:, 1, :]) / torch.tensor(2 * H)
    return g.double(), net.values(x)


def alignment(net, x, normals):
    g, _ = central_gradients(net, x)
    n = normals.double()
    length = g.norm(dim=1)
    cos = torch.where(length > 0, (g * n).sum(1) / torch.where(length > 0, length, torch.ones_like(length)), torch.zeros_like(length))
    angle = torch.where(length > 0, torch.rad2deg(torch.acos(cos.clamp(-1, 1))), torch.full_like(length, 90.0))
    s = torch.sort(angle).values
    return angle.mean().item(), s[int(math.floor(0.95 * (len(s) - 1)))].item(), length.mean().item()


def lipschitz(net, x):
    g, f = central_gradients(net, x)
    norms = g.norm(dim=1)[f.abs() < 0.1]
    if norms.numel() < 100:
        return 1.0
    s = torch.sort(norms).values
    return max(1.0, 1.25 * s[int(0.999 * (len(s) - 1))].item())


def fit(d, args, seed):
    gen = torch.Generator().manual_seed(seed)
    net = Field(args.features, args.sigma, args.hidden, args.activation, args.param == "rwf", args.rwf_mu, args.rwf_sigma, gen)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: args.decay ** (t / args.steps))
    clamp = args.clamp if args.clamp > 0 else math.inf
    eye = torch.eye(3) * torch.tensor(H)
    terms = args.gradient_points > 0 and (args.normal > 0 or args.eikonal > 0)
    every = max(1, args.steps // 10)
    px, pin = d.eval["eval_uniform_xyz"][:16384], d.eval["eval_uniform_inside"][:16384]
    curve = []
    t0 = time.time()
    for step in range(args.steps):
        idx = d.draw(args.batch, gen)
        x, sdf = d.xyz[idx], d.sdf[idx]
        m = 0
        if terms:
            surf = d.surface[idx]
            qualifies = surf & (args.normal > 0 or args.eikonal > 0) | (~surf & (args.eikonal > 0))
            centres = torch.nonzero(qualifies)[:args.gradient_points, 0]  # the batch is random: its first points are
            m = centres.numel()
            stencil = (x[centres][:, None, :] + eye[None]).reshape(-1, 3)
            x = torch.cat([x, stencil])
        out = net(x)
        f = out[:args.batch]
        loss = (f.clamp(-clamp, clamp) - sdf.clamp(-clamp, clamp)).abs().mean()
        parts = {"l1": loss.item()}
        if m > 0:
            grad = (out[args.batch:].reshape(m, 3) - f[centres][:, None]) / torch.tensor(H)
            on = surf[centres] & (args.normal > 0)
            if on.any():
                nt = args.normal * ((grad[on] - d.normals[idx[centres[on]]]) ** 2).sum(1).mean()
                loss = loss + nt
                parts["normal"] = nt.item()
            if (~on).any() and args.eikonal > 0:
                et = args.eikonal * ((grad[~on].norm(dim=1) + 1e-12 - 1) ** 2).mean()
                loss = loss + et
                parts["eikonal"] = et.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if not math.isfinite(loss.item()):
            raise SystemExit(f"seed {seed}: the loss is {loss.item()} at step {step}")
        if (step + 1) % every == 0 or step + 1 == args.steps:
            i = iou(net.values(px), pin)
            curve.append((step + 1, i))
            if args.verbose:
                terms_text = ", ".join(f"{k} {v:.3e}" for k, v in parts.items())
                print(f"    step {step + 1}: {terms_text}, IoU {i:.4f} ({time.time() - t0:.0f} s)", flush=True)
    secs = time.time() - t0
    e = d.eval
    mean, p95, norm = alignment(net, e["eval_surface_xyz"], e["eval_surface_normals"])
    return {"seed": seed, "iou_uniform": iou(net.values(e["eval_uniform_xyz"]), e["eval_uniform_inside"]),
            "iou_near_surface": iou(net.values(e["eval_near_xyz"]), e["eval_near_inside"]),
            "gradient_normal_angle_mean_deg": mean, "gradient_normal_angle_p95_deg": p95, "gradient_norm_on_surface": norm,
            "lipschitz_estimate": lipschitz(net, e["eval_lipschitz_xyz"]), "train_seconds": secs, "final_loss": parts,
            "iou_curve": curve}


KEYS = ("iou_uniform", "iou_near_surface", "gradient_normal_angle_mean_deg", "gradient_normal_angle_p95_deg",
        "gradient_norm_on_surface", "lipschitz_estimate", "train_seconds")


def main():
    ap = argparse.ArgumentParser(description="PyTorch reference of the fit-shape SDF protocol on a `fields bench shape-pool` dump")
    ap.add_argument("--dump", required=True, help="folder of `fields bench shape-pool`; may contain {seed} for one dump per seed")
    ap.add_argument("--activation", choices=["relu", "softplus"], help="default: the dump's preset")
    ap.add_argument("--param", choices=["plain", "rwf"], help="default: the dump's preset")
    ap.add_argument("--normal", type=float, help="weight of the normal term (default: the preset's)")
    ap.add_argument("--eikonal", type=float, help="weight of the eikonal term (default: the preset's)")
    ap.add_argument("--gradient-points", type=int, help="batch points per step carrying a gradient term (default: the preset's)")
    ap.add_argument("--clamp", type=float, help="clamp of the L1 term (0 = none; default: the preset's)")
    ap.add_argument("--steps", type=int, help="default: the preset's")
    ap.add_argument("--batch", type=int, help="default: the preset's")
    ap.add_argument("--lr", type=float, help="default: the preset's")
    ap.add_argument("--decay", type=float, help="learning-rate factor over the run (default: the preset's lrDecay)")
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="print the loss terms and IoU every steps/10 steps")
    ap.add_argument("--out", help="JSON with the protocol, versions, per-seed records and the summary")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    seeds = [int(s) for s in args.seeds.split(",")]
    dumps = {s: args.dump.format(seed=s) for s in seeds}
    with open(os.path.join(dumps[seeds[0]], "shape-pool.json")) as f:
        cfg = json.load(f)["config"]
    task, enc, net, tr = cfg["task"], cfg["encoding"], cfg["network"], cfg["training"]
    if task["field"] != "SDF" or enc["type"] != "fourier" or net["type"] != "MLP":
        raise SystemExit(f"{dumps[seeds[0]]}: this reference fits SDF fields with Fourier features and an MLP, the dump's preset has "
                         f"{task['field']}, {enc['type']}, {net['type']}")
    defaults = {"activation": net["activation"].lower(), "param": net["parameterization"].lower(), "normal": task["normal"],
                "eikonal": task["eikonal"], "gradient_points": task["gradientPoints"], "clamp": task["clamp"],
                "steps": tr["steps"], "batch": task["batch"], "lr": tr["lr"], "decay": tr["lrDecay"]}
    for k, v in defaults.items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    if (args.normal > 0 or args.eikonal > 0) and args.gradient_points == 0:
        args.gradient_points = args.batch // 8  # as `fields bench shape` does for rows with a term
    if args.activation not in ("relu", "softplus") or args.param not in ("plain", "rwf"):
        raise SystemExit(f"the dump's preset uses {args.activation} / {args.param}; give --activation relu|softplus --param plain|rwf")
    args.features, args.sigma, args.hidden = enc["features"], enc["sigma"], list(net["hidden"])
    args.rwf_mu, args.rwf_sigma = net["rwfMu"], net["rwfSigma"]
    proto = {k: v for k, v in vars(args).items() if k not in ("out", "verbose")}
    print("protocol: " + ", ".join(f"{k} {v}" for k, v in proto.items()), flush=True)
    runs, loaded = [], {}
    for s in seeds:
        if dumps[s] not in loaded:
            loaded.clear()
            loaded[dumps[s]] = Dump(dumps[s])
        r = fit(loaded[dumps[s]], args, s)
        r["dump"] = dumps[s]
        runs.append(r)
        print(f"seed {s}: IoU uniform {r['iou_uniform']:.4f}, near-surface {r['iou_near_surface']:.4f}, angle "
              f"{r['gradient_normal_angle_mean_deg']:.1f} deg (p95 {r['gradient_normal_angle_p95_deg']:.1f}), |grad f| on the surface "
              f"{r['gradient_norm_on_surface']:.3f}, Lipschitz {r['lipschitz_estimate']:.2f}, {r['train_seconds']:.1f} s", flush=True)
    summary = {}
    for k in KEYS:
        v = [r[k] for r in runs]
        summary[k] = {"mean": statistics.mean(v), "std": statistics.stdev(v) if len(v) > 1 else float("nan")}
    print("mean +- std over seeds (ddof 1): " + ", ".join(f"{k} {s['mean']:.4g} +- {s['std']:.2g}" for k, s in summary.items()))
    if args.out:
        result = {"protocol": proto, "versions": {"python": platform.python_version(), "torch": torch.__version__,
                                                  "numpy": np.__version__}, "summary": summary, "runs": runs}
        tmp = args.out + ".tmp"
        with open(tmp, "w") as f:
            json.dump(result, f, indent=1)
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
