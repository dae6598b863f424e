"""Shared helpers for the multi-label text classification course.

Importing ``utils`` chooses the Keras backend (JAX on CPU) before Keras is
imported anywhere, unless the learner already set ``KERAS_BACKEND``.
"""

import os
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SEED = 42

__all__ = ["REPO_ROOT", "DATA_DIR", "SEED", "set_seeds"]


def set_seeds(seed=SEED):
    """Seed Python, NumPy and (if imported) Keras so reruns give the same numbers."""
    import random
    import sys

    import numpy as np

    random.seed(seed)
    np.random.seed(seed)
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(seed)
    return seed
