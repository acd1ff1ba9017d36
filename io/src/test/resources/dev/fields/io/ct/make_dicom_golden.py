#!/usr/bin/python3
"""Pixel values of the DICOM slices that SlicesTest reads, as pydicom computes them (run here:
/usr/bin/python3 make_dicom_golden.py; Debian python3-pydicom 2.3). Writes float64 arrays, rows top to bottom:
  mr_small_pixels.npy  scenes/ct/MR_small.dcm (64 x 64 signed 16-bit MR, no rescale)
  ct_small_pixels.npy  CT_small.dcm here (128 x 128 signed 16-bit CT, rescale slope 1, intercept -1024: Hounsfield units)
Both files are pydicom's test data, copied unchanged from Debian's python3-pydicom 2.3.1
(/usr/lib/python3/dist-packages/pydicom/data/test_files; MIT (Expat) licence, (c) Darcy Mason and pydicom contributors;
pydicom's notes: downsized from MR1_UNC and CT1_UNC of the DICOM WG04 sample data sets).
"""
import numpy as np
import pydicom

for src, out in [("../../../../../../../../scenes/ct/MR_small.dcm", "mr_small_pixels.npy"), ("CT_small.dcm", "ct_small_pixels.npy")]:
    ds = pydicom.dcmread(src)
    values = ds.pixel_array.astype(np.float64) * float(ds.get("RescaleSlope", 1)) + float(ds.get("RescaleIntercept", 0))
    np.save(out, values)
    print(out, values.shape, values.min(), values.max(), "pixel spacing", list(ds.PixelSpacing))
