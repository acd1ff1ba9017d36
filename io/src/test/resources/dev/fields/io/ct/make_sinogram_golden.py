#!/usr/bin/python3
"""Writes the small sinogram files that SinogramReaderTest reads (run here: /usr/bin/python3 make_sinogram_golden.py).

Every numeric file holds v[r, c] = 0.25 (10 r + c) - 1.5 with 3 rows and 5 columns unless said otherwise, so the Java
test asserts each element from the formula. Debian packages: python3-numpy, python3-tifffile, python3-pil.
"""
import numpy as np
import tifffile
from PIL import Image

r, c = np.meshgrid(np.arange(3), np.arange(5), indexing="ij")
v = (0.25 * (10 * r + c) - 1.5).astype(np.float32)

tifffile.imwrite("sino_f4.tif", v)                                   # little-endian, uncompressed
tifffile.imwrite("sino_f4_be.tif", v, byteorder=">")
tifffile.imwrite("sino_f4_deflate.tif", v, compression="zlib")
tifffile.imwrite("sino_f8.tif", v.astype(np.float64))
tifffile.imwrite("sino_u16.tif", (v * 100 + 200).astype(np.uint16))  # integer TIFF: refused
tifffile.imwrite("sino_pages.tif", np.stack([v, v]))                 # two pages: refused

# 16-bit greyscale PNG: pixel p = 1000 (10 r + c) + 7; with png_scale s the value is p / 65535 * s.
p = (1000 * (10 * r + c) + 7).astype(np.uint16)
Image.fromarray(p).save("sino_16.png")
Image.fromarray((p // 256).astype(np.uint8)).save("sino_8.png")     # 8-bit: refused

np.save("sino_f4.npy", v)
bad = v.copy(); bad[1, 3] = np.nan
np.save("sino_nan.npy", bad)
bad = v.copy(); bad[2, 0] = -np.inf
np.save("sino_inf.npy", bad)
np.save("sino_3d.npy", v[None])                                      # (1, 3, 5): refused, a sinogram is 2-D

assert np.array_equal(tifffile.imread("sino_f4_deflate.tif"), v)
assert np.array_equal(np.asarray(Image.open("sino_16.png")), p)
