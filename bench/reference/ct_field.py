#!/usr/bin/python3
"""PyTorch/numpy reference of the CT protocol that `fields bench ct` runs.

Protocol (CT.md, the product's phantom scan), as the Java code runs it:
  * grid: n x n pixels on [-1, 1]^2, pixel p = 2 / n, row 0 at the top, pixel (r, c) centred at
    x = (c - (n-1)/2) p, y = ((n-1)/2 - r) p;
  * truth: the modified Shepp-Logan phantom (Kak & Slaney, row 9 y0 = -0.606), or a random phantom (every table
    entry + N(0,1)/20, phi in radians, its density clipped to [0, 1] point by point), averaged over 4 x 4 sub-pixel
    points;
  * scan: parallel beam, views k pi / V, D = ceil(n sqrt 2) + 4 detector bins at pixel pitch centred on the axis;
    the sinogram is the exact analytic line integral of the ellipses (not of the pixels); for a random phantom it is
    the integral of the clipped density: each ray is cut at the ellipses' chord ends and every segment adds its
    clipped density times its length, so truth and data describe the same object;
  * projector A: ray-driven, each ray sampled every half pixel from its foot point, bilinear weights times p/2;
  * SIRT: x <- max(0, x + C A^T R (b - A x)) from 0, R and C inverse row and column sums;
  * FBP (ram-lak): not needed here, the Java tests check it against numpy anchors;
  * field: Gaussian Fourier features [cos 2 pi B x, sin 2 pi B x] with B ~ N(0, sigma^2) on field coordinates in
    [-1, 1]^2, or the 2-D hash grid (--encoding hash) laid out as Java's HashGridLayout: level resolutions
    R_l = floor(N_min exp(l ln(N_max / N_min) / (L - 1)) + 1e-6) (so the finest is N_max exactly), a level dense
    while its (R+1)^2 vertices fit in T = 2^log2t entries (vertex (x, y) -> x + (R+1) y), else hashed
    ((x XOR y * 2654435761) mod T); u = clamp((x + 1) / 2, 0, 1), cell min(floor(u R), R - 1), bilinear weights;
    tables U(-1e-4, 1e-4). Then an MLP (ReLU between layers, none after the last): Glorot normal weights
    (variance 2 / (fan_in + fan_out)), zero biases; `plain` or `rwf` on every layer, the output layer included.
    RWF as the Java DenseLayer (and the RWF authors' code): W = diag(g) V, s ~ N(1, 0.1) per output neuron,
    g = exp(s), V = W / g at init, and the trainable factor is g itself (not s). The encoding's features are the
    MLP's only input. A sigmoid head whose value v stands for mu / s (s = 1.1 x the 99.9th percentile of the SIRT
    image, nearest rank below, as Java's automatic value scale; --scale 1 turns it off);
  * loss: the first --warm steps fit v to the SIRT image / s on the grid (mean over the n^2 pixels), the rest fit
    A v (v on the pixel centres) against the sinogram / s, mean over the views x detectors rays, plus
    tv * TV(v), TV = mean over the (n-1)^2 forward-difference pairs of sqrt(dx^2 + dy^2 + 1e-8) (no TV during the
    warm start). The switch happens at step --warm with the optimizer's state carried over;
  * optimizer: Adam, full batch, one step per iteration, as Java's FitRunner.adam: the hash tables with
    betas (0.9, 0.99), eps 1e-15 (Mueller et al. 2022), every MLP parameter (V, g, b or W, b) with Adam's defaults
    (0.9, 0.999), eps 1e-8; learning rate lr * decay^(t / steps) at 0-based step t (exponential over the run);
  * --init-params starts from a Java network's initial parameters (DumpInitParams.java beside this script writes
    them for a seed): from the same start the loss curve matches `fields fit-ct --seed` to about 4 digits through
    the warm start. After the switch the fit is chaotic (the loss spikes once or twice while it moves off the SIRT
    image), so float rounding alone moves the final PSNR by a few dB: compare seeds' spreads, not single runs;
  * metrics: PSNR and SSIM inside the reconstruction circle (pixel centres within n/2 pixels of the centre),
    peak = max(truth) (SSIM: 11x11 Gaussian, sigma 1.5, on image/peak, averaged over circle pixels' windows as
    the Java CtMetrics does: here computed with skimage's structural_similarity full map, masked).

This is the project's own reference implementation, not any paper's code.
"""
import argparse
import json
import math
import statistics
import time

import numpy as np
import torch

SHEPP = np.array([
    [1.0, 0.69, 0.92, 0, 0, 0],
    [-0.8, 0.6624, 0.874, 0, -0.0184, 0],
    [-0.2, 0.11, 0.31, 0.22, 0, -18],
    [-0.2, 0.16, 0.41, -0.22, 0, 18],
    [0.1, 0.21, 0.25, 0, 0.35, 0],
    [0.1, 0.046, 0.046, 0, 0.1, 0],
    [0.1, 0.046, 0.046, 0, -0.1, 0],
    [0.1, 0.046, 0.023, -0.08, -0.605, 0],
    [0.1, 0.023, 0.023, 0, -0.606, 0],
    [0.1, 0.023, 0.046, 0.06, -0.605, 0]], dtype=np.float64)


def ellipses(name):
    e = SHEPP.copy()
    e[:, 5] = np.deg2rad(e[:, 5])
    if name == "shepp-logan":
        return e, False
    seed = int(name.split(":")[1])
    rng = np.random.default_rng(seed)
    return e + rng.standard_normal(e.shape) / 20, True


def rasterize(e, n, clipped, ss=4):
    p = 2.0 / n
    c = (n - 1) / 2
    img = np.zeros((n, n))
    offs = (np.arange(ss) + 0.5) / ss - 0.5
    cols = np.arange(n)
    for dy in offs:
        for dx in offs:
            x = ((cols[None, :] - c) + dx) * p + 0 * cols[:, None]
            y = ((c - cols[:, None]) - dy) * p + 0 * cols[None, :]
            f = np.zeros((n, n))
            for A, a, b, x0, y0, phi in e:
                u = (x - x0) * math.cos(phi) + (y - y0) * math.sin(phi)
                v = -(x - x0) * math.sin(phi) + (y - y0) * math.cos(phi)
                f += A * ((u / a) ** 2 + (v / b) ** 2 <= 1)
            img += np.clip(f, 0, 1) if clipped else f
    return img / ss ** 2


def exact_sinogram(e, thetas, ts, clipped):
    if clipped:
        return clipped_sinogram(e, thetas, ts)
    s = np.zeros((len(thetas), len(ts)))
    for A, a, b, x0, y0, phi in e:
        for i, th in enumerate(thetas):
            a2 = a * a * math.cos(th - phi) ** 2 + b * b * math.sin(th - phi) ** 2
            tau = ts - (x0 * math.cos(th) + y0 * math.sin(th))
            inside = tau ** 2 < a2
            s[i] += np.where(inside, 2 * A * a * b * np.sqrt(np.maximum(a2 - tau ** 2, 0)) / a2, 0)
    return s


def clipped_sinogram(e, thetas, ts):
    """Line integrals of clip(sum of ellipses, 0, 1): chord ends along u (points t (cos, sin) + u (-sin, cos))."""
    s = np.zeros((len(thetas), len(ts)))
    for i, th in enumerate(thetas):
        lo, hi = [], []
        for A, a, b, x0, y0, phi in e:
            c, sn = math.cos(th - phi), math.sin(th - phi)
            a2 = a * a * c * c + b * b * sn * sn
            tau = ts - (x0 * math.cos(th) + y0 * math.sin(th))
            d = a2 - tau ** 2
            half = np.where(d > 0, abs(a * b) * np.sqrt(np.maximum(d, 0)) / a2, 0)
            mid = -x0 * math.sin(th) + y0 * math.cos(th) - tau * (a * a - b * b) * sn * c / a2
            lo.append(np.where(d > 0, mid - half, np.nan))
            hi.append(np.where(d > 0, mid + half, np.nan))
        lo, hi = np.array(lo), np.array(hi)                       # ellipses x rays
        ends = np.sort(np.concatenate([lo, hi]), axis=0)          # NaN (missed) sort last
        for j in range(ends.shape[0] - 1):
            a0, a1 = ends[j], ends[j + 1]
            ok = np.isfinite(a0) & np.isfinite(a1) & (a1 > a0)
            m = 0.5 * (a0 + a1)
            f = np.sum(e[:, 0:1] * ((lo < m) & (m < hi)), axis=0)
            s[i] += np.where(ok, np.clip(f, 0, 1) * (a1 - a0), 0)
    return s


def system_matrix(n, thetas, ts):
    p = 2.0 / n
    c = (n - 1) / 2
    h = p / 2
    kmax = int(math.ceil(math.sqrt(2) / h)) + 2
    ks = np.arange(-kmax, kmax + 1) * h
    rows, cols, vals = [], [], []
    for v, th in enumerate(thetas):
        ct, st = math.cos(th), math.sin(th)
        x = ts[:, None] * ct - ks[None, :] * st
        y = ts[:, None] * st + ks[None, :] * ct
        fc = x / p + c
        fr = c - y / p
        c0 = np.floor(fc).astype(np.int64)
        r0 = np.floor(fr).astype(np.int64)
        wc = fc - c0
        wr = fr - r0
        ray = (v * len(ts) + np.arange(len(ts)))[:, None] + 0 * c0
        for dr, dc, w in ((0, 0, (1 - wr) * (1 - wc)), (0, 1, (1 - wr) * wc), (1, 0, wr * (1 - wc)), (1, 1, wr * wc)):
            rr, cc = r0 + dr, c0 + dc
            ok = (rr >= 0) & (rr < n) & (cc >= 0) & (cc < n) & (w > 0)
            rows.append(ray[ok])
            cols.append((rr * n + cc)[ok])
            vals.append((w * h)[ok])
    rows, cols, vals = (np.concatenate(a) for a in (rows, cols, vals))
    m = len(thetas) * len(ts)
    a = torch.sparse_coo_tensor(np.stack([rows, cols]), vals.astype(np.float32), (m, n * n)).coalesce()
    return SparseOp(a), SparseOp(a.t().coalesce())


class SparseOp:
    """y = A x through torch.sparse.mm (Debian's torch has no MKL sparse kernels)."""

    def __init__(self, a):
        self.a = a
        self.shape = a.shape

    def __matmul__(self, x):
        return torch.sparse.mm(self.a, x[:, None])[:, 0]


def circle_mask(n):
    r = np.arange(n) - (n - 1) / 2
    return (r[:, None] ** 2 + r[None, :] ** 2) <= (n / 2) ** 2


def psnr_circle(img, truth, mask):
    mse = np.mean((img[mask] - truth[mask]) ** 2)
    return 10 * math.log10(truth.max() ** 2 / max(mse, 1e-30))


def ssim_circle(img, truth, mask):
    from skimage.metrics import structural_similarity
    peak = truth.max()
    _, full = structural_similarity(truth / peak, img / peak, data_range=1.0, gaussian_weights=True, sigma=1.5,
                                    use_sample_covariance=False, full=True)
    return float(full[mask].mean())


def sirt(a, at, b, iters):
    ones_c = torch.ones(a.shape[1])
    ones_r = torch.ones(a.shape[0])
    rs = a @ ones_c
    cs = at @ ones_r
    ir = torch.where(rs > 0, 1 / rs, torch.zeros_like(rs))
    ic = torch.where(cs > 0, 1 / cs, torch.zeros_like(cs))
    x = torch.zeros(a.shape[1])
    for _ in range(iters):
        x = torch.clamp(x + ic * (at @ (ir * (b - a @ x))), min=0)
    return x


class Dense(torch.nn.Module):
    def __init__(self, fi, fo, rwf):
        super().__init__()
        w = torch.randn(fo, fi) * math.sqrt(2.0 / (fi + fo))
        self.b = torch.nn.Parameter(torch.zeros(fo))
        self.rwf = rwf
        if rwf:
            s = 1.0 + 0.1 * torch.randn(fo)
            g = torch.exp(s)
            self.g = torch.nn.Parameter(g)  # the factor g itself is trained, not s = log g (as the Java DenseLayer)
            self.v = torch.nn.Parameter(w / g[:, None])
        else:
            self.w = torch.nn.Parameter(w)

    def forward(self, h):
        w = self.g[:, None] * self.v if self.rwf else self.w
        return h @ w.t() + self.b


class HashGrid(torch.nn.Module):
    """2-D multiresolution grid as Java's HashGridLayout: R_l = floor(N_min exp(l ln(N_max/N_min)/(L-1)) + 1e-6);
    dense levels while (R+1)^2 <= T (entry x + (R+1) y), hashed beyond (entry (x XOR y 2654435761) mod T);
    u = clamp((x+1)/2, 0, 1), cell min(floor(u R), R-1), bilinear; tables U(-1e-4, 1e-4)."""

    def __init__(self, levels, feats, log2t, nmin, nmax):
        super().__init__()
        self.t = 2 ** log2t
        lnb = (math.log(nmax) - math.log(nmin)) / max(levels - 1, 1)
        self.res = [min(max(int(math.floor(nmin * math.exp(l * lnb) + 1e-6)), 1), nmax) for l in range(levels)]
        self.tables = torch.nn.ParameterList(
            [torch.nn.Parameter((torch.rand(min(self.t, (r + 1) ** 2), feats) * 2 - 1) * 1e-4) for r in self.res])
        self.out = levels * feats

    def forward(self, x):
        u = ((x + 1) / 2).clamp(0, 1)
        outs = []
        for r, tab in zip(self.res, self.tables):
            pos = u * r
            i0 = torch.floor(pos).long().clamp(0, r - 1)
            w = pos - i0
            acc = 0
            for dx in (0, 1):
                for dy in (0, 1):
                    ix, iy = i0[:, 0] + dx, i0[:, 1] + dy
                    if (r + 1) ** 2 <= self.t:
                        idx = iy * (r + 1) + ix
                    else:
                        idx = (ix ^ (iy * 2654435761)) % self.t
                    wx = w[:, 0] if dx else 1 - w[:, 0]
                    wy = w[:, 1] if dy else 1 - w[:, 1]
                    acc = acc + (wx * wy)[:, None] * tab[idx]
            outs.append(acc)
        return torch.cat(outs, 1)


class Field(torch.nn.Module):
    def __init__(self, enc, features, sigma, hidden, rwf, grid):
        super().__init__()
        self.enc = enc
        if enc == "ff":
            self.register_buffer("B", torch.randn(features, 2) * sigma)
            fin = 2 * features
        else:
            self.hg = HashGrid(*grid)
            fin = self.hg.out
        dims = [fin] + hidden + [1]
        self.layers = torch.nn.ModuleList([Dense(dims[i], dims[i + 1], rwf) for i in range(len(dims) - 1)])

    def forward(self, x):
        if self.enc == "ff":
            z = 2 * math.pi * x @ self.B.t()
            h = torch.cat([torch.cos(z), torch.sin(z)], 1)
        else:
            h = self.hg(x)
        for i, l in enumerate(self.layers):
            h = l(h)
            if i < len(self.layers) - 1:
                h = torch.relu(h)
        return torch.sigmoid(h[:, 0])


def fit(a, at, b, n, args, seed, truth, mask, x0=None, scale=1.0):
    torch.manual_seed(seed)
    hidden = [int(w) for w in args.hidden.split("x")[1:]] * int(args.hidden.split("x")[0])
    grid = (args.levels, args.feats, args.log2t, args.nmin, args.nmax)
    net = Field(args.encoding, args.features, args.sigma, hidden, args.param == "rwf", grid)
    if args.init_params:
        if args.encoding != "hash" or args.param != "rwf":
            raise SystemExit("--init-params: only for --encoding hash --param rwf (the layout DumpInitParams.java writes)")
        flat = torch.from_numpy(np.fromfile(args.init_params, dtype='<f4'))
        o = 0
        with torch.no_grad():
            for tab in net.hg.tables:
                k = tab.numel(); tab.copy_(flat[o:o + k].reshape(tab.shape)); o += k
            for l in net.layers:
                fo, fi = l.v.shape
                l.v.copy_(flat[o:o + fi * fo].reshape(fi, fo).t()); o += fi * fo
                l.b.copy_(flat[o:o + fo]); o += fo
                l.g.copy_(flat[o:o + fo]); o += fo
        if o != flat.numel():
            raise SystemExit(f"--init-params: {args.init_params} holds {flat.numel()} values, this network has {o}")
        print(f"initial parameters from {args.init_params}", flush=True)
    c = (n - 1) / 2
    idx = torch.arange(n, dtype=torch.float32)
    xs = ((idx - c) * 2 / n)
    X = torch.stack([xs[None, :].expand(n, n), (-xs)[:, None].expand(n, n)], -1).reshape(-1, 2)
    # as Java's FitRunner.adam: hash tables beta2 0.99, eps 1e-15 (Mueller et al. 2022); the MLP Adam's defaults
    groups = [{"params": list(net.layers.parameters()), "betas": (0.9, 0.999), "eps": 1e-8}]
    if args.encoding == "hash":
        groups.insert(0, {"params": list(net.hg.parameters()), "betas": (0.9, 0.99), "eps": 1e-15})
    opt = torch.optim.Adam(groups, lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: args.decay ** (t / args.steps))
    t0 = time.time()
    curve = []
    bs = b / scale
    warm = torch.from_numpy((x0 / scale).astype(np.float32).reshape(-1)) if x0 is not None and args.warm > 0 else None
    for step in range(args.steps):
        mu = net(X)
        if warm is not None and step < args.warm:
            loss = torch.mean((mu - warm) ** 2)
        else:
            loss = torch.mean((a @ mu - bs) ** 2)
        if args.tv > 0 and not (warm is not None and step < args.warm):
            im = mu.reshape(n, n)
            gx = im[:, 1:] - im[:, :-1]
            gy = im[1:, :] - im[:-1, :]
            loss = loss + args.tv * torch.sqrt(gx[:-1, :] ** 2 + gy[:, :-1] ** 2 + 1e-8).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if args.every and (step + 1) % args.every == 0:
            with torch.no_grad():
                p = psnr_circle(net(X).reshape(n, n).numpy() * scale, truth, mask)
            curve.append((step + 1, p))
            print(f"    step {step + 1}: psnr {p:.2f} loss {loss.item():.3e} ({time.time() - t0:.0f} s)", flush=True)
    secs = time.time() - t0
    with torch.no_grad():
        img = net(X).reshape(n, n).numpy().astype(np.float64) * scale
    return img, secs, curve


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--phantom", default="shepp-logan")
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--views", type=int, default=20)
    ap.add_argument("--sirt", type=int, default=200)
    ap.add_argument("--encoding", default="ff", choices=["ff", "hash"])
    ap.add_argument("--features", type=int, default=128)
    ap.add_argument("--sigma", type=float, default=2.0)
    ap.add_argument("--levels", type=int, default=16)
    ap.add_argument("--feats", type=int, default=2)
    ap.add_argument("--log2t", type=int, default=16)
    ap.add_argument("--nmin", type=int, default=16)
    ap.add_argument("--nmax", type=int, default=256)
    ap.add_argument("--hidden", default="3x128")
    ap.add_argument("--param", default="rwf")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--decay", type=float, default=0.1)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--tv", type=float, default=0.0)
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--every", type=int, default=50)
    ap.add_argument("--warm", type=int, default=0, help="warm-start steps fitting the field to the SIRT image")
    ap.add_argument("--scale", default="auto", help="value scale s (auto = 1.1 x p99.9 of SIRT)")
    ap.add_argument("--threads", type=int, default=2, help="torch threads (1 is much faster when the cores are busy)")
    ap.add_argument("--init-params", help="start from a Java network's initial parameters (DumpInitParams.java)")
    ap.add_argument("--out")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    n = args.n
    e, random = ellipses(args.phantom)
    truth = rasterize(e, n, random)
    d = int(math.ceil(n * math.sqrt(2))) + 4
    p = 2.0 / n
    ts = (np.arange(d) - (d - 1) / 2) * p
    thetas = np.arange(args.views) * math.pi / args.views
    b = exact_sinogram(e, thetas, ts, random).astype(np.float32)
    t0 = time.time()
    a, at = system_matrix(n, thetas, ts)
    print(f"matrix {tuple(a.shape)} nnz {a.a.values().numel()} in {time.time() - t0:.1f} s", flush=True)
    mask = circle_mask(n)
    bt = torch.from_numpy(b.reshape(-1))
    result = {"protocol": vars(args)}
    if args.sirt:
        t0 = time.time()
        xs = sirt(a, at, bt, args.sirt).reshape(n, n).numpy().astype(np.float64)
        result["sirt"] = {"psnr": psnr_circle(xs, truth, mask), "ssim": ssim_circle(xs, truth, mask),
                          "seconds": time.time() - t0}
        print(f"SIRT-{args.sirt}: psnr {result['sirt']['psnr']:.2f} ssim {result['sirt']['ssim']:.3f}", flush=True)
    x0 = xs if args.sirt else None
    if args.scale == "auto":
        scale = 1.0
        if x0 is not None:
            f = np.sort(x0.astype(np.float32).reshape(-1))
            p = float(f[int(0.999 * (f.size - 1))])
            scale = 1.1 * p if p > 0 else 1.0
    else:
        scale = float(args.scale)
    print(f"value scale {scale:.4g}", flush=True)
    runs = []
    for seed in ([int(s) for s in args.seeds.split(",")] if args.steps else []):
        img, secs, curve = fit(a, at, bt, n, args, seed, truth, mask, x0, scale)
        r = {"seed": seed, "psnr": psnr_circle(img, truth, mask), "ssim": ssim_circle(img, truth, mask),
             "seconds": secs, "curve": curve}
        runs.append(r)
        print(f"field seed {seed}: psnr {r['psnr']:.2f} ssim {r['ssim']:.3f} in {secs:.1f} s", flush=True)
    ps = [r["psnr"] for r in runs]
    if len(ps) > 1:
        print(f"field mean {statistics.mean(ps):.2f} +- {statistics.stdev(ps):.2f}")
    result["runs"] = runs
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
