"""Pareto fronts (both objectives maximised) against a naive O(n²) oracle."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from qutiflow import pareto


def naive_front(points):
    """A point stays unless another is ≥ on both and > on one (NaN points never stay)."""
    keep = []
    for i, (x, y) in enumerate(points):
        if np.isnan(x) or np.isnan(y):
            keep.append(False)
            continue
        dominated = any(
            (x2 >= x and y2 >= y and (x2 > x or y2 > y))
            for j, (x2, y2) in enumerate(points)
            if j != i and not (np.isnan(x2) or np.isnan(y2))
        )
        keep.append(not dominated)
    return keep


coord = st.one_of(st.integers(0, 6).map(float), st.floats(0, 100, allow_nan=False))
points_st = st.lists(st.tuples(coord, coord), max_size=40)


def test_hand_computed_front_with_ties():
    # (fps, top1): (10, 90) and (10, 90) are identical: both stay; (10, 80) is dominated by
    # (10, 90) (same fps, lower accuracy); (20, 85) stays; (20, 70) is dominated; (30, 70) stays;
    # (5, 95) stays (most accurate)
    pts = [(10, 90), (10, 90), (10, 80), (20, 85), (20, 70), (30, 70), (5, 95)]
    x, y = zip(*pts)
    assert pareto.front_mask(x, y).tolist() == [True, True, False, True, False, True, True]


def test_hand_computed_front_all_equal_accuracy():
    # equal accuracy: only the fastest stays; a tie on the fastest keeps both
    x = [1.0, 3.0, 2.0, 3.0]
    y = [50.0, 50.0, 50.0, 50.0]
    assert pareto.front_mask(x, y).tolist() == [False, True, False, True]


def test_nan_is_never_on_the_front():
    assert pareto.front_mask([1.0, np.nan, 2.0], [np.nan, 5.0, 1.0]).tolist() == [False, False, True]


def test_front_frame_sorted_by_x():
    f = pd.DataFrame({"fps": [30.0, 5.0, 20.0, 1.0], "top1": [70.0, 95.0, 85.0, 60.0], "k": list("abcd")})
    assert pareto.front(f, "fps", "top1")["k"].tolist() == ["b", "c", "a"]


@settings(max_examples=300)  # a front of up to a few dozen points: cheap, so more than the profile's
@given(points_st)
def test_equals_naive_oracle(points):
    x = [p[0] for p in points]
    y = [p[1] for p in points]
    assert pareto.front_mask(x, y).tolist() == naive_front(points)


@given(points_st, st.randoms(use_true_random=False))
def test_order_invariant(points, rnd):
    perm = list(range(len(points)))
    rnd.shuffle(perm)
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    mask = pareto.front_mask(x, y)
    mask_perm = pareto.front_mask(x[perm], y[perm])
    assert mask_perm.tolist() == mask[perm].tolist()


@given(points_st)
def test_no_kept_point_dominated_and_every_dropped_point_dominated(points):
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    mask = pareto.front_mask(x, y)
    for i in range(len(points)):
        dominated = np.any((x >= x[i]) & (y >= y[i]) & ((x > x[i]) | (y > y[i])) & mask)
        if mask[i]:
            assert not dominated
        else:
            assert dominated  # by a point on the front


@given(points_st)
def test_idempotent(points):
    f = pd.DataFrame(points, columns=["x", "y"])
    once = pareto.front(f, "x", "y")
    twice = pareto.front(once, "x", "y")
    assert once.values.tolist() == twice.values.tolist()
