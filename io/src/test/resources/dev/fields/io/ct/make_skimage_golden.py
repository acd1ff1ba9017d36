#!/usr/bin/python3
"""The scikit-image golden scan (run here: /usr/bin/python3 make_skimage_golden.py; Debian python3-skimage 0.19).

An asymmetric 64 x 64 phantom (a bright 10 x 12 rectangle up and right of the centre, a dimmer disc down and left,
zero outside the inscribed circle) projected by skimage.transform.radon at theta = 0, 4, ..., 176 degrees with
circle=True. Writes:
  skimage_phantom.npy   the image, row 0 at the top (float64)
  skimage_sinogram.npy  radon's output as it returns it: detectors x angles (64 x 45, float64)
  skimage_geometry.json the scan in the skimage convention (read the sinogram transposed)
"""
import json
import numpy as np
from skimage.transform import radon

n = 64
image = np.zeros((n, n))
image[14:24, 36:48] = 1.0                               # rows 14..23 (above the centre row 32), columns 36..47 (right)
r, c = np.mgrid[:n, :n]
image[(r - 42) ** 2 + (c - 22) ** 2 <= 16] = 0.5       # disc of radius 4 at row 42, column 22 (below, left)
assert not image[(r - n // 2) ** 2 + (c - n // 2) ** 2 > (n // 2) ** 2].any()

theta = np.arange(0, 180, 4)
sinogram = radon(image, theta=theta, circle=True)
assert sinogram.shape == (n, len(theta))

np.save("skimage_phantom.npy", image)
np.save("skimage_sinogram.npy", sinogram)
geometry = {
    "convention": "skimage",
    "beam": "parallel",
    "angles": {"start": 0, "stop": 180, "count": len(theta)},
    "angle_unit": "deg",
    "detectors": n,
    "detector_spacing": 1,
    "grid_size": n,
    "pixel_size": 1,
}
with open("skimage_geometry.json", "w") as f:
    json.dump(geometry, f, indent=2)
    f.write("\n")
