"""Writes golden_2x3.npy beside this script with numpy.save: the reference NpyWriterTest compares our bytes to.

Run with a Python that has NumPy (Debian: /usr/bin/python3 with python3-numpy):
    /usr/bin/python3 make_golden.py
The values are exact in float32 except pi, which both sides round once from the double.
"""
import os

import numpy as np

a = np.array([[0.0, 0.5, -1.25], [3.0, 1024.0, np.pi]], dtype="<f4")
np.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_2x3.npy"), a)
