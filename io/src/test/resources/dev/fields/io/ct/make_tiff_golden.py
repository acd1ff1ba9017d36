#!/usr/bin/python3
"""Checks that tifffile reads the float TIFFs our writer makes, and records what it decoded (run here:
/usr/bin/python3 make_tiff_golden.py; Debian python3-tifffile 2023.2, python3-numpy).

float_written.tif and float_written_strips.tif are not made here: they are dev.fields.io.ct.FloatTiff's output for
v[r, c] = 0.25 (10 r + c) - 1.5 with 5 rows and 7 columns (one strip, and strips of 2 rows: 2 + 2 + 1). FloatTiffTest
asserts that the writer still produces these bytes exactly; when it does not, it leaves the new bytes in
io/target/float_written*.tif: copy them here and run this script again.

This script asserts tifffile's view of each file (one page, float32, 5 x 7, uncompressed, the strips, the values) and
saves the arrays tifffile decoded as float_written_tifffile.npy and float_written_strips_tifffile.npy, which
FloatTiffTest compares with the values the writer was given.
"""
import numpy as np
import tifffile

r, c = np.meshgrid(np.arange(5), np.arange(7), indexing="ij")
v = (0.25 * (10 * r + c) - 1.5).astype(np.float32)

for name, strips in [("float_written", 1), ("float_written_strips", 3)]:
    with tifffile.TiffFile(name + ".tif") as t:
        assert len(t.pages) == 1, len(t.pages)
        p = t.pages[0]
        assert p.dtype == np.float32 and p.shape == (5, 7), (p.dtype, p.shape)
        assert p.compression == tifffile.COMPRESSION.NONE and p.photometric == tifffile.PHOTOMETRIC.MINISBLACK
        assert p.sampleformat == tifffile.SAMPLEFORMAT.IEEEFP and p.bitspersample == 32
        assert len(p.dataoffsets) == strips, p.dataoffsets
        a = t.asarray()
    assert np.array_equal(a, v), a
    np.save(name + "_tifffile.npy", a)
    print(name, a.dtype, a.shape, "strips", strips, "ok")
