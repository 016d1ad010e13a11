"""Writes the NumPy files that api/src/test/java/dev/kiln/api/io/NpyTest.java reads and compares against.

Run from the repository root with NumPy 1.24:  /usr/bin/python3 tools/reference/npy_numpy.py
Every array is a function of np.arange, so the test can rebuild the expected values itself.
"""
import numpy as np

OUT = "api/src/test/resources/npy/"

arrays = {
    "f8_2x3": np.arange(6, dtype="<f8").reshape(2, 3) / 4 - 0.5,
    "f4_2x3x4": (np.arange(24, dtype="<f4").reshape(2, 3, 4) * 0.25).astype("<f4"),
    "i8_5": np.arange(5, dtype="<i8") * 1_000_000_007 - 3,
    "i4_4": np.arange(4, dtype="<i4") - 2,
    "u1_6": np.arange(250, 256, dtype="u1"),
    "b1_4": np.array([True, False, False, True]),
    "scalar": np.array(2.5),
    "empty_0x3": np.zeros((0, 3)),
    "big_endian_f8_3": np.arange(3, dtype=">f8") + 0.5,
    "fortran_f8_2x3": np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)),
}
for name, a in arrays.items():
    np.save(OUT + name + ".npy", a)
np.savez(OUT + "pair.npz", weight=arrays["f8_2x3"], bias=np.array([0.25, -0.75]))
