#!/usr/bin/python3
"""Writes the golden .npy files that NpyReaderTest reads (run from this folder: /usr/bin/python3 make_npy_golden.py).

Every numeric file holds a[i, j] = 0.5 * (10 i + j) - 3 (3 x 4) unless said otherwise, so the Java test can assert
each element from the formula. Written with Debian's numpy (python3-numpy 1.24).
"""
import numpy as np
from numpy.lib import format as npf

i, j = np.meshgrid(np.arange(3), np.arange(4), indexing="ij")
base = 0.5 * (10 * i + j) - 3

def save(name, arr, version=None):
    with open(name, "wb") as f:
        if version is None:
            np.save(f, arr, allow_pickle=False)
        else:
            npf.write_array(f, arr, version=version, allow_pickle=False)

save("f4_c.npy", base.astype("<f4"))
save("f8_c.npy", (base + 1 / 3).astype("<f8"))            # 1/3 is not a float32: the reader rounds each double once
save("f4_fortran.npy", np.asfortranarray(base.astype("<f4")))
i3, j3, k3 = np.meshgrid(np.arange(2), np.arange(3), np.arange(4), indexing="ij")
save("f8_fortran_3d.npy", np.asfortranarray((100 * i3 + 10 * j3 + k3).astype("<f8")))
save("f4_be.npy", base.astype(">f4"))
save("f8_be.npy", (base + 1 / 3).astype(">f8"))
save("f4_be_fortran.npy", np.asfortranarray(base.astype(">f4")))
save("i2.npy", (base * 2000).astype("<i2"))               # -6000 .. 29000
save("u2.npy", np.array([[0, 1, 65535], [32768, 40000, 7]], dtype="<u2"))
save("i4.npy", np.array([[-2147483648, -1, 0], [1, 2147483647, 123456789]], dtype="<i4"))
save("u1.npy", np.array([[0, 1, 255], [128, 64, 7]], dtype="|u1"))
save("f4_v2.npy", base.astype("<f4"), version=(2, 0))
save("f4_v3.npy", base.astype("<f4"), version=(3, 0))
save("f4_1d.npy", np.arange(5, dtype="<f4") * 1.5)
save("f4_scalar.npy", np.array(2.5, dtype="<f4"))
save("f4_empty.npy", np.zeros((0, 3), dtype="<f4"))

# Refused: complex, half precision, structured, object (pickled), boolean.
save("c8.npy", (base + 1j).astype("<c8"))
save("f2.npy", base.astype("<f2"))
save("struct.npy", np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")]))
with open("object.npy", "wb") as f:
    np.save(f, np.array([1, "two", None], dtype=object), allow_pickle=True)
save("bool.npy", base > 0)
