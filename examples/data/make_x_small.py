"""Writes x_small.npy: 16 random 8x8x3 images (NHWC, float64, standard normal, seed 0)."""
import numpy as np

np.save("x_small.npy", np.random.default_rng(0).standard_normal((16, 8, 8, 3)))
