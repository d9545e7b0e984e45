"""Regenerates the .npy/.npz test fixtures in this folder (run once by hand; tests never call it).

    cd kernel-core/src/test/resources/npy && python3 generate.py
"""
import zipfile

import numpy as np
from numpy.lib import format as npf

M = np.array([[0.0, 1.5, -2.25], [1e-300, np.pi, -0.0]])  # 2x3 float64

np.save("f8_2x3.npy", M)
np.save("f4_3.npy", np.array([0.5, -1.25, np.pi], dtype="<f4"))
np.save("f8_scalar.npy", np.float64(2.5))
np.save("f8_0x3.npy", np.zeros((0, 3)))
np.save("f8_4d.npy", np.arange(24, dtype="<f8").reshape(2, 3, 2, 2))
np.save("i4_2x2.npy", np.array([[1, -2], [2**31 - 1, -2**31]], dtype="<i4"))
np.save("i8_3.npy", np.array([-1, 0, 2**53], dtype="<i8"))
np.save("u1_2x2.npy", np.array([[0, 255], [7, 128]], dtype="u1"))
np.save("i1_3.npy", np.array([-128, 0, 127], dtype="i1"))
np.save("b1_4.npy", np.array([True, False, True, True]))
for version in [(2, 0), (3, 0)]:
    with open(f"f8_2x3_v{version[0]}.npy", "wb") as f:
        npf.write_array(f, M, version=version)
# rejected files
np.save("fortran_2x3.npy", np.asfortranarray(M))
np.save("big_endian_f8.npy", M.astype(">f8"))
np.save("c16_2.npy", np.array([1 + 2j, 3 - 4j]))
# archives
arrays = dict(x=M, labels=np.array([3, 1, 4], dtype="u1"), y=np.array([1, 2], dtype="<i4"))
np.savez("arrays.npz", **arrays)
np.savez_compressed("arrays_compressed.npz", **arrays)
with zipfile.ZipFile("bad_entry.npz", "w") as z:
    z.writestr("good.npy", open("f4_3.npy", "rb").read())
    z.writestr("broken.npy", b"this is not an npy image")
