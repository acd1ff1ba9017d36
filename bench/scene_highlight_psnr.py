"""Test PSNR of a fit-scene run on the specular-highlight pixels of its scene and on the other pixels.

    /usr/bin/python3 bench/scene_highlight_psnr.py SHINY_SCENE PLAIN_SCENE RUN/NAME_test_views.png [--check RUN/metrics.json]

SHINY_SCENE was made by `fields make-scene MESH ... --specular K`, PLAIN_SCENE by the same command without it (same
cameras). The highlight mask: test pixels where the shiny image is brighter than the plain one by more than 0.05 in some
channel. The renders are read back from the run's test-view figure (SceneFigures: four views a row, each
truth | render | error, tiles upscaled by f = ceil(128 / width), a 20-pixel title and a 20-pixel label above each
row; 8-bit colours). PSNR pools the squared errors of all test views (metrics.json's psnr is the mean of per-view
PSNRs); --check compares the first view's PSNR read back this way with the one the run recorded.
"""
import argparse
import json
import math

import numpy as np
from PIL import Image


def composited(path):
    a = np.asarray(Image.open(path).convert("RGBA"), dtype=np.float64) / 255
    return a[..., :3] * a[..., 3:] + (1 - a[..., 3:])  # over white, as the scene reader does by default


def psnr(mse):
    return 10 * math.log10(1 / mse)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shiny")
    ap.add_argument("plain")
    ap.add_argument("figure")
    ap.add_argument("--check", help="the run's metrics.json")
    a = ap.parse_args()
    frames = json.load(open(f"{a.shiny}/transforms_test.json"))["frames"]
    fig = np.asarray(Image.open(a.figure).convert("RGB"), dtype=np.float64) / 255
    se_in = se_out = 0.0
    n_in = n_out = 0
    first = None
    for i, fr in enumerate(frames):
        name = fr["file_path"].removeprefix("./")
        truth, plain = composited(f"{a.shiny}/{name}.png"), composited(f"{a.plain}/{name}.png")
        h, w = truth.shape[:2]
        f = max(1, -(-128 // w))
        x0 = (i % 4) * (3 * w * f + 8) + w * f
        y0 = 20 + (i // 4) * (h * f + 20) + 20
        render = fig[y0:y0 + h * f:f, x0:x0 + w * f:f]
        mask = (truth - plain).max(axis=2) > 0.05
        err = ((render - truth) ** 2).mean(axis=2)
        if first is None:
            first = psnr(err.mean())
        se_in += err[mask].sum()
        n_in += int(mask.sum())
        se_out += err[~mask].sum()
        n_out += int((~mask).sum())
    print(f"highlight pixels {n_in} ({100 * n_in / (n_in + n_out):.2f}%): PSNR {psnr(se_in / n_in):.2f} dB; "
          f"other pixels: PSNR {psnr(se_out / n_out):.2f} dB")
    if a.check:
        recorded = json.load(open(a.check))["details"]["test_views"][0]["psnr"]
        print(f"first view: read back {first:.2f} dB, recorded {recorded:.2f} dB")


if __name__ == "__main__":
    main()
