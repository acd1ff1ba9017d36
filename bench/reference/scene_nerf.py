#!/usr/bin/env python3
"""The protocol of `fields bench scene` in PyTorch: test PSNR and SSIM of a radiance field against training time.

Written from what SceneTask / SceneProblem / OccupancyGrid / AlphaCompositor / HashGridLayout do (preset `scene`):
  - Blender layout (transforms_train.json / transforms_test.json, camera_angle_x, RGBA PNGs composited over white);
    field coordinates (world - centre) / half with the scene box given by --box (`fields bench scene` records it);
    pixel rays through pixel centres, directions normalized, clipped to the box.
  - Per step: rays drawn uniformly (view, pixel), 128 jittered stratified samples between near and far; samples in
    cells a 64^3 occupancy grid marks empty are dropped; rays are taken in order until their kept samples would pass
    32,768 (at most 8,192 rays). Front-to-back compositing over the background, a sample contributes while the
    transmittance before it is >= 1e-4. MSE over rays and channels.
  - Occupancy: every 16 steps (and on the first), every cell during the first 256 steps, then a random quarter (drawn
    with replacement); the density at a random point of each visited cell times the cell side, kept as
    max(0.95 old, new); occupied when above min(0.01, mean).
  - Network: hash grid (16 levels x 2 features, 2^16 entries, N 16..256; dense levels where (R+1)^3 <= T, else the
    XOR hash with primes 1, 2654435761, 805459861), or positional encoding / Gaussian Fourier features, into a ReLU
    MLP; softplus density, sigmoid colour. Glorot-normal weights, zero biases; rwf = W = V * exp(s) per output neuron,
    s ~ N(1, 0.1), every layer. Adam 1e-2 x 0.1^(t / planned) (tables beta2 0.99, eps 1e-15), float32, 2 threads.
  - Schedule: a few steps of a fresh copy are timed first; `planned` = last mark / seconds per step.
  - At each mark the parameters are copied; afterwards each copy is scored on every test view at full size: an
    occupancy grid from the field (4 jittered visits of every cell, no decay, dilated by one cell), 128 midpoint
    samples per ray, PSNR per view (10 log10 1/MSE) and SSIM (11x11 Gaussian window, sigma 1.5, valid windows), means.
"""
import argparse, json, math, os, platform, sys, time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from skimage.metrics import structural_similarity

SAMPLES_PER_STEP, MAX_RAYS, PER_RAY = 32768, 8192, 128
OCC_RES, OCC_EVERY, OCC_WARMUP, OCC_DECAY, OCC_THRESHOLD, TERMINATE = 64, 16, 256, 0.95, 0.01, 1e-4
BG = torch.ones(3)


def load_split(folder, split):
    meta = json.load(open(os.path.join(folder, f"transforms_{split}.json")))
    images, poses = [], []
    for fr in meta["frames"]:
        p = os.path.join(folder, fr["file_path"])
        if not os.path.splitext(p)[1]:
            p += ".png"
        a = np.asarray(Image.open(p).convert("RGBA"), dtype=np.float32) / 255.0
        images.append(a[..., :3] * a[..., 3:] + (1 - a[..., 3:]))
        poses.append(np.array(fr["transform_matrix"], dtype=np.float64))
    h, w = images[0].shape[:2]
    f = 0.5 * w / math.tan(0.5 * meta["camera_angle_x"])
    return np.stack(images), np.stack(poses), f


def pixel_rays(poses, f, h, w, centre, half):
    j, i = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    d = np.stack([(i + 0.5 - w / 2) / f, -(j + 0.5 - h / 2) / f, -np.ones_like(i, dtype=np.float64)], -1).reshape(-1, 3)
    dirs = np.einsum("vab,pb->vpa", poses[:, :3, :3], d)
    dirs /= np.linalg.norm(dirs, axis=-1, keepdims=True)
    org = np.broadcast_to(((poses[:, :3, 3] - centre) / half)[:, None, :], dirs.shape)
    return torch.tensor(org.reshape(-1, 3), dtype=torch.float32), torch.tensor(dirs.reshape(-1, 3), dtype=torch.float32)


def clip(o, d, lo, hi):
    inv = 1.0 / torch.where(d.abs() < 1e-12, torch.full_like(d, 1e-12), d)
    t0, t1 = (lo - o) * inv, (hi - o) * inv
    near = torch.minimum(t0, t1).amax(-1).clamp(min=0)
    far = torch.maximum(t0, t1).amin(-1)
    hit = far > near
    return near, torch.where(hit, far, near), hit


class HashGrid(torch.nn.Module):
    def __init__(self, levels=16, feats=2, log2t=16, nmin=16, nmax=256, gen=None):
        super().__init__()
        t = 1 << log2t
        lnb = (math.log(nmax) - math.log(nmin)) / (levels - 1)
        self.res, self.dense, self.off, self.t, self.feats = [], [], [], t, feats
        total = 0
        for l in range(levels):
            r = min(max(int(math.floor(nmin * math.exp(l * lnb) + 1e-6)), 1), nmax)
            dense = (r + 1) ** 3 <= t
            self.res.append(r); self.dense.append(dense); self.off.append(total)
            total += (r + 1) ** 3 if dense else t
        self.tables = torch.nn.Parameter((torch.rand(total, feats, generator=gen) * 2 - 1) * 1e-4)
        self.out_dim = levels * feats

        self.r = torch.tensor(self.res, dtype=torch.int32)
        self.n = self.r + 1
        self.is_dense = torch.tensor(self.dense)
        self.offsets = torch.tensor(self.off, dtype=torch.int32)
        self.corner = torch.tensor([[c & 1, (c >> 1) & 1, (c >> 2) & 1] for c in range(8)], dtype=torch.int32)  # (8, 3)

    def forward(self, u):  # u in [0, 1]^3; every level and corner at once
        s = u[:, None, :] * self.r[None, :, None]                             # (N, L, 3)
        i = torch.minimum(s.floor().int(), (self.r - 1)[None, :, None])
        fr = s - i
        v = i[:, :, None, :] + self.corner[None, None]                         # (N, L, 8, 3)
        w = torch.where(self.corner.bool()[None, None], fr[:, :, None, :], 1 - fr[:, :, None, :]).prod(-1)
        n = self.n[None, :, None]
        dense = v[..., 0] + n * (v[..., 1] + n * v[..., 2])
        # int32 products wrap as uint32 arithmetic does; the low bits (mod T) are the same. 2654435761 - 2^32 as int32
        hashed = (v[..., 0] ^ (v[..., 1] * -1640531535) ^ (v[..., 2] * 805459861)) & (self.t - 1)
        idx = torch.where(self.is_dense[None, :, None], dense, hashed) + self.offsets[None, :, None]
        f = self.tables[idx.long()]                                                   # (N, L, 8, F)
        return (w[..., None] * f).sum(2).flatten(1)


class Dense(torch.nn.Module):
    def __init__(self, n_in, n_out, rwf, gen):
        super().__init__()
        w = torch.randn(n_out, n_in, generator=gen) * math.sqrt(2.0 / (n_in + n_out))
        self.rwf = rwf
        if rwf:
            s = 1.0 + 0.1 * torch.randn(n_out, generator=gen)
            self.s = torch.nn.Parameter(s)
            self.v = torch.nn.Parameter(w / torch.exp(s)[:, None])
        else:
            self.v = torch.nn.Parameter(w)
        self.b = torch.nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        w = self.v * torch.exp(self.s)[:, None] if self.rwf else self.v
        return F.linear(x, w, self.b)


class Field(torch.nn.Module):
    def __init__(self, encoding, hidden, rwf, lo, hi, seed, pe=8, ff=128, ff_sigma=4.0):
        super().__init__()
        gen = torch.Generator().manual_seed(seed)
        self.kind, self.lo, self.hi = encoding, lo, hi
        if encoding == "hash":
            self.grid = HashGrid(gen=gen)
            d = self.grid.out_dim
        elif encoding == "pe":
            self.freqs = (2.0 ** torch.arange(pe)) * math.pi
            d = 3 + 6 * pe
        else:
            self.register_buffer("B", torch.randn(ff, 3, generator=gen) * ff_sigma)
            d = 2 * ff
        widths = [d] + hidden + [4]
        self.layers = torch.nn.ModuleList(Dense(a, b, rwf, gen) for a, b in zip(widths[:-1], widths[1:]))

    def encode(self, x):
        if self.kind == "hash":
            return self.grid(((x - self.lo) / (self.hi - self.lo)).clamp(0, 1))
        if self.kind == "pe":
            a = x[:, :, None] * self.freqs
            return torch.cat([x, torch.sin(a).flatten(1), torch.cos(a).flatten(1)], -1)
        a = 2 * math.pi * x @ self.B.T
        return torch.cat([torch.cos(a), torch.sin(a)], -1)

    def forward(self, x):
        h = self.encode(x)
        for k, L in enumerate(self.layers):
            h = L(h)
            if k < len(self.layers) - 1:
                h = torch.relu(h)
        return F.softplus(h[:, :1]), torch.sigmoid(h[:, 1:])

    def table_params(self):
        return [self.grid.tables] if self.kind == "hash" else []


class Occupancy:
    def __init__(self, lo, hi, decay):
        self.lo, self.hi, self.decay = lo, hi, decay
        self.value = torch.zeros(OCC_RES ** 3)
        self.occ = torch.ones(OCC_RES ** 3, dtype=torch.bool)
        self.updated = False
        self.side = float(((hi - lo) / OCC_RES).min())
        k, j, i = torch.meshgrid(torch.arange(OCC_RES), torch.arange(OCC_RES), torch.arange(OCC_RES), indexing="ij")
        self.ijk = torch.stack([i, j, k], -1).reshape(-1, 3)

    def cell(self, p):
        inside = ((p >= self.lo) & (p <= self.hi)).all(-1)
        i = ((p - self.lo) / (self.hi - self.lo) * OCC_RES).long().clamp(0, OCC_RES - 1)
        return (i[:, 2] * OCC_RES + i[:, 1]) * OCC_RES + i[:, 0], inside

    def occupied(self, p):
        c, inside = self.cell(p)
        return inside & self.occ[c]

    @torch.no_grad()
    def update(self, field, gen, every):
        n = OCC_RES ** 3
        visit = torch.arange(n) if every or not self.updated else torch.randint(0, n, (n // 4,), generator=gen)
        u = torch.rand(len(visit), 3, generator=gen)
        pts = self.lo + (self.ijk[visit] + u) * (self.hi - self.lo) / OCC_RES
        sig = torch.cat([field(c)[0][:, 0] for c in torch.split(pts, 65536)])
        thick = sig.clamp(min=0) * self.side
        self.value[visit] = torch.maximum(self.decay * self.value[visit], thick) if self.updated else thick
        self.updated = True
        self.occ = self.value > min(OCC_THRESHOLD, float(self.value.mean()))

    def dilate(self):
        g = self.occ.reshape(1, 1, OCC_RES, OCC_RES, OCC_RES).float()
        self.occ = (F.max_pool3d(g, 3, 1, 1) > 0).reshape(-1)


def composite(sigma, rgb, delta):
    x = sigma * delta
    before = torch.exp(-torch.cat([torch.zeros_like(x[:, :1]), torch.cumsum(x, 1)[:, :-1]], 1))
    w = before * (1 - torch.exp(-x)) * (before.detach() >= TERMINATE)
    return (w[..., None] * rgb).sum(1) + (1 - w.sum(1, keepdim=True)) * BG


def train_step(field, opt, sched, step, data, grid, gen):
    org, dirs, pix, lo, hi = data
    if not grid.updated or (step + 1) % OCC_EVERY == 0:
        grid.update(field, gen, step < OCC_WARMUP)
    r = torch.randint(0, len(org), (MAX_RAYS,), generator=gen)
    o, d = org[r], dirs[r]
    near, far, hit = clip(o, d, lo, hi)
    step_len = (far - near) / PER_RAY
    t = near[:, None] + (torch.arange(PER_RAY) + torch.rand(MAX_RAYS, PER_RAY, generator=gen)) * step_len[:, None]
    pts = o[:, None] + t[..., None] * d[:, None]
    keep = grid.occupied(pts.reshape(-1, 3)).reshape(MAX_RAYS, PER_RAY) & (step_len > 0)[:, None]
    total = torch.cumsum(keep.sum(1), 0)
    rays = int((total <= SAMPLES_PER_STEP).sum())
    keep, pts, step_len = keep[:rays], pts[:rays], step_len[:rays]
    sig, col = field(pts[keep])
    sigma = torch.zeros(rays, PER_RAY).masked_scatter(keep, sig[:, 0])
    rgb = torch.zeros(rays, PER_RAY, 3).masked_scatter(keep[..., None].expand(-1, -1, 3), col)
    c = composite(sigma, rgb, step_len[:, None].expand(-1, PER_RAY))
    loss = ((c - pix[r[:rays]]) ** 2).mean()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    sched.step()
    return float(loss)


@torch.no_grad()
def score(field, test, lo, hi, centre, half, seed):
    images, poses, f = test
    gen = torch.Generator().manual_seed(seed + 1)
    grid = Occupancy(lo, hi, 1.0)
    for _ in range(4):
        grid.update(field, gen, True)
    grid.dilate()
    h, w = images.shape[1:3]
    psnrs, ssims = [], []
    for v in range(len(images)):
        o, d = pixel_rays(poses[v:v + 1], f, h, w, centre, half)
        near, far, hit = clip(o, d, lo, hi)
        step_len = (far - near) / PER_RAY
        out = []
        for s in range(0, len(o), 2048):
            oo, dd, nn, sl = o[s:s + 2048], d[s:s + 2048], near[s:s + 2048], step_len[s:s + 2048]
            t = nn[:, None] + (torch.arange(PER_RAY) + 0.5) * sl[:, None]
            pts = oo[:, None] + t[..., None] * dd[:, None]
            keep = grid.occupied(pts.reshape(-1, 3)).reshape(len(oo), PER_RAY) & (sl > 0)[:, None]
            sigma = torch.zeros(len(oo), PER_RAY)
            rgb = torch.zeros(len(oo), PER_RAY, 3)
            if keep.any():
                sg, cl = field(pts[keep])
                sigma[keep], rgb[keep] = sg[:, 0], cl
            out.append(composite(sigma, rgb, sl[:, None].expand(-1, PER_RAY)))
        img = torch.cat(out).reshape(h, w, 3).numpy().astype(np.float64)
        truth = images[v].astype(np.float64)
        psnrs.append(10 * math.log10(1.0 / float(((img - truth) ** 2).mean())))
        ssims.append(structural_similarity(img, truth, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                           data_range=1.0, channel_axis=2))
    return float(np.mean(psnrs)), float(np.mean(ssims))


def make(args, enc, hidden, rwf, lo, hi, seed, planned):
    field = Field(enc, hidden, rwf, lo, hi, seed, args.pe_frequencies, args.ff_features, args.ff_sigma)
    tables = field.table_params()
    ids = {id(p) for p in tables}
    groups = [{"params": [p for p in field.parameters() if id(p) not in ids]}]
    if tables:
        groups.append({"params": tables, "betas": (0.9, 0.99), "eps": 1e-15})
    opt = torch.optim.Adam(groups, lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.1 ** (s / planned))
    return field, opt, sched


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scene", default="scenes/bunny-scene")
    ap.add_argument("--box", required=True, help="minx,miny,minz,maxx,maxy,maxz in world units (scene-bench.json records it)")
    ap.add_argument("--runs", default="rwf:hash", help="param:encoding[:WIDTHxDEPTH], comma separated")
    ap.add_argument("--minutes", default="2,5,10")
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--lr", type=float, default=1e-2)
    ap.add_argument("--pe-frequencies", type=int, default=8)
    ap.add_argument("--ff-features", type=int, default=128)
    ap.add_argument("--ff-sigma", type=float, default=4.0)
    ap.add_argument("--timing-steps", type=int, default=24)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="runs/reference/scene.json")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    box = np.array([float(v) for v in a.box.split(",")])
    centre, half = (box[:3] + box[3:]) / 2, float(((box[3:] - box[:3]) / 2).max())
    lo = torch.tensor((box[:3] - centre) / half, dtype=torch.float32)
    hi = torch.tensor((box[3:] - centre) / half, dtype=torch.float32)
    imgs, poses, f = load_split(a.scene, "train")
    h, w = imgs.shape[1:3]
    org, dirs = pixel_rays(poses, f, h, w, centre, half)
    data = (org, dirs, torch.tensor(imgs.reshape(-1, 3)), lo, hi)
    test = load_split(a.scene, "test")
    marks = sorted(float(m) for m in a.minutes.split(","))
    records = []
    for run in a.runs.split(","):
        p = run.split(":")
        hidden = [int(p[2].split("x")[0])] * int(p[2].split("x")[1]) if len(p) == 3 else ([64, 64] if p[1] == "hash" else [128] * 3)
        for seed in [int(s) for s in a.seeds.split(",")]:
            torch.manual_seed(seed)
            field, opt, sched = make(a, p[1], hidden, p[0] == "rwf", lo, hi, seed, 1000)
            grid, gen = Occupancy(lo, hi, OCC_DECAY), torch.Generator().manual_seed(seed)
            for s in range(6):
                train_step(field, opt, sched, s, data, grid, gen)
            t0 = time.perf_counter()
            for s in range(6, 6 + a.timing_steps):
                train_step(field, opt, sched, s, data, grid, gen)
            sps = (time.perf_counter() - t0) / a.timing_steps
            planned = max(50, math.ceil(marks[-1] * 60 / sps))
            field, opt, sched = make(a, p[1], hidden, p[0] == "rwf", lo, hi, seed, planned)
            grid, gen = Occupancy(lo, hi, OCC_DECAY), torch.Generator().manual_seed(seed)
            snaps, t0, step = [], time.perf_counter(), 0
            while len(snaps) < len(marks) and step < 4 * planned:
                train_step(field, opt, sched, step, data, grid, gen)
                step += 1
                el = time.perf_counter() - t0
                while len(snaps) < len(marks) and el >= 60 * marks[len(snaps)]:
                    snaps.append((el, step, {k: v.detach().clone() for k, v in field.state_dict().items()}))
            at = []
            for m, (el, st, sd) in zip(marks, snaps):
                field.load_state_dict(sd)
                ps, ss = score(field, test, lo, hi, centre, half, seed)
                at.append({"minutes": m, "seconds": el, "steps": st, "psnr": ps, "ssim": ss})
                print(f"{run} seed {seed} at {m:g} min ({el:.0f} s, step {st}): test PSNR {ps:.2f} dB, SSIM {ss:.4f}", flush=True)
            records.append({"run": run, "seed": seed, "ms_per_step": 1000 * sps, "planned_steps": planned, "marks": at})
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    meta = {"python": platform.python_version(), "torch": torch.__version__, "numpy": np.__version__, "threads": a.threads}
    tmp = a.out + ".tmp"
    with open(tmp, "w") as fh:
        json.dump({"protocol": vars(a), "versions": meta, "runs": records}, fh, indent=2)
    os.replace(tmp, a.out)


if __name__ == "__main__":
    sys.exit(main())
