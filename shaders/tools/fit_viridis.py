#!/usr/bin/env python3
"""Least-squares polynomial fit of matplotlib's viridis colour map, for dev.fields.shaders.ColourMap.VIRIDIS.

Samples viridis at 256 points of [0, 1] (sRGB components, as matplotlib returns them), fits one polynomial of degree 6
per channel by least squares and prints the coefficients (ascending powers) as Java array initializers, with the
largest error of the fit in 8-bit steps. Run with Debian's python3-matplotlib:

    /usr/bin/python3 shaders/tools/fit_viridis.py
"""
import numpy as np
from matplotlib import cm

DEGREE = 6
t = np.linspace(0.0, 1.0, 256)
rgb = cm.get_cmap("viridis")(t)[:, :3]
coefficients = [np.polynomial.polynomial.polyfit(t, rgb[:, k], DEGREE) for k in range(3)]
fit = np.clip(np.stack([np.polynomial.polynomial.polyval(t, c) for c in coefficients], 1), 0.0, 1.0)
print("// least-squares fit of degree %d to matplotlib %s viridis at 256 points: largest error %.2f/255"
      % (DEGREE, __import__("matplotlib").__version__, np.abs(fit - rgb).max() * 255))
for name, c in zip("rgb", coefficients):
    print("{" + ", ".join(repr(float(x)) for x in c) + "},  // " + name)
