"""Pareto fronts with every objective maximised (strict non-domination)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def front_mask(x, y) -> np.ndarray:
    """True for points that no other point dominates, with x and y both maximised.

    A point is dominated when another has x ≥ and y ≥ with at least one strictly greater.
    Identical points do not dominate each other, so duplicates of a front point all stay.
    NaN in x or y is never on the front. O(n log n): sort by x descending, then y.

    >>> front_mask([1, 2, 3, 3], [3, 2, 1, 0]).tolist()
    [True, True, True, False]
    """
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    valid = ~(np.isnan(x) | np.isnan(y))
    mask = np.zeros(len(x), dtype=bool)
    idx = np.flatnonzero(valid)
    if len(idx) == 0:
        return mask
    order = idx[np.lexsort((-y[idx], -x[idx]))]  # x descending, then y descending
    best_y = -np.inf  # best y among points with strictly greater x
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and x[order[j]] == x[order[i]]:
            j += 1
        group = order[i:j]  # same x, y descending
        top_y = y[group[0]]
        for k in group:
            # dominated by a point of greater x with y ≥, or by a same-x point with greater y
            mask[k] = y[k] > best_y and y[k] == top_y
        best_y = max(best_y, top_y)
        i = j
    return mask


def front(frame: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """The rows of ``frame`` on the front of (x, y), sorted by x ascending (stable)."""
    keep = front_mask(frame[x], frame[y])
    return frame.loc[keep].sort_values(x, kind="stable").reset_index(drop=True)
