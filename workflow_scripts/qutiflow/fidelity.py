"""How well each model predicts what was measured: the rows and the scores, anchors apart.

Models: ``level0`` (QuTiBench's roofline, one number per network), ``level1`` (the
layer-wise model of :mod:`qutiflow.level1`, physics only) and ``level1_calibrated`` (the
same with two numbers per platform fitted on its anchors).

**The anchor rule** (fixed, the only data ``level1_calibrated`` ever reads): per platform,
among its measured configurations at their best batch that have a level-1 prediction, the
one with the most operations per inference and the one with the fewest (ties: the first in
configuration order). A platform with one configuration has one anchor and nothing left to
score. Anchors are flagged ``is_anchor`` and left out of every score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from . import level1

CONFIG = ["platform", "op_mode", "datatype", "topology", "pruning_pct"]
MODELS = ("level0", "level1", "level1_calibrated")
#: a configuration "beats" the physics-only model when it runs this much faster than it
BEATS_FACTOR = 1.5

#: per-layer table of a network (topology, pruning_pct) → DataFrame, or None when unknown
LayersFor = Callable[[str, float], "pd.DataFrame | None"]
#: the level-1 platform of a (platform, op_mode, datatype), or None when unknown
PlatformFor = Callable[[str, str, str], "level1.Platform | None"]


def best_batches(measured: pd.DataFrame) -> pd.DataFrame:
    """Per configuration, the row of its highest measured throughput (ties: smallest batch)."""
    m = measured.sort_values(
        CONFIG + ["measured_fps", "batch"], ascending=[True] * len(CONFIG) + [False, True], kind="stable"
    )
    return m.drop_duplicates(CONFIG, keep="first").reset_index(drop=True)


def choose_anchors(best: pd.DataFrame) -> pd.DataFrame:
    """The anchor configurations (:data:`CONFIG` columns) by the module's fixed rule.
    ``best`` needs ``gop_per_inference``; rows are in configuration order."""
    rows = []
    for _, group in best.sort_values(CONFIG, kind="stable").groupby("platform", sort=True):
        gop = group["gop_per_inference"].to_numpy()
        picks = {int(np.argmax(gop)), int(np.argmin(gop))}
        rows.append(group.iloc[sorted(picks)][CONFIG])
    if not rows:
        return pd.DataFrame(columns=CONFIG)
    return pd.concat(rows, ignore_index=True)


def predict_level1(
    rows: pd.DataFrame,
    layers_for: LayersFor,
    platform_for: PlatformFor,
    calibrated: dict[str, level1.Platform | None] | None = None,
) -> pd.DataFrame:
    """``predicted_fps`` and ``bound`` of each row (a configuration and a batch); with
    ``calibrated`` (platform → fitted efficiency and overhead) the calibrated model. Each
    distinct configuration and batch is predicted once (a data set may repeat them)."""
    keys = CONFIG + ["batch"]
    # the key of each row: op_mode may be missing, which groupby would drop
    codes = rows[keys].astype({"op_mode": "object"}).fillna({"op_mode": ""})
    first = ~codes.duplicated(keep="first")
    unique = rows.loc[first.to_numpy()]
    fps, bound = [], []
    for r in unique.itertuples(index=False):
        layers = layers_for(r.topology, r.pruning_pct)
        plat = platform_for(r.platform, r.op_mode, r.datatype)
        if calibrated is not None and plat is not None:
            fit = calibrated.get(r.platform)
            plat = (
                None if fit is None else replace(plat, efficiency=fit.efficiency, overhead_s=fit.overhead_s)
            )
        if layers is None or plat is None or r.datatype not in level1.BITS:
            fps.append(np.nan)
            bound.append(None)
            continue
        p = level1.predict(layers, plat, r.datatype, int(r.batch))
        fps.append(p.fps)
        bound.append(p.bound)
    if bool(first.all()):
        return rows.assign(
            predicted_fps=np.array(fps, dtype="float64"),
            bound=pd.Series(bound, index=rows.index, dtype="object"),
        )
    found = codes.loc[first.to_numpy()].assign(
        predicted_fps=np.array(fps, dtype="float64"),
        bound=pd.Series(bound, index=unique.index, dtype="object"),
    )
    back = codes.merge(found, on=keys, how="left", validate="many_to_one")
    return rows.assign(
        predicted_fps=back["predicted_fps"].to_numpy(),
        bound=pd.Series(back["bound"].to_numpy(), index=rows.index, dtype="object"),
    )


def calibrate_platforms(
    best: pd.DataFrame, anchors: pd.DataFrame, layers_for: LayersFor, platform_for: PlatformFor
) -> dict[str, level1.Platform]:
    """Per platform, its efficiency and per-layer overhead fitted on its anchors alone."""
    rows = best.merge(anchors, on=CONFIG)
    fitted = {}
    for name, group in rows.groupby("platform", sort=True):
        found = []
        for r in group.itertuples(index=False):
            layers = layers_for(r.topology, r.pruning_pct)
            plat = platform_for(r.platform, r.op_mode, r.datatype)
            if layers is not None and plat is not None:
                found.append((plat, level1.Anchor(layers, r.datatype, int(r.batch), float(r.measured_fps))))
        if found:
            fitted[name] = level1.calibrate(found[0][0], [a for _, a in found])
    return fitted


def log_error(measured: pd.Series, predicted: pd.Series) -> pd.Series:
    """|log10(measured ÷ predicted)|."""
    return np.abs(np.log10(measured.astype("float64") / predicted.astype("float64")))


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman rank correlation (average ranks for ties); NaN for fewer than 3 pairs or a
    constant side.

    >>> round(spearman(pd.Series([1, 2, 3, 4]), pd.Series([10, 20, 15, 40])), 12)
    0.8
    """
    if len(x) < 3:
        return float("nan")
    rx, ry = x.rank().to_numpy(), y.rank().to_numpy()
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def scores(rows: pd.DataFrame, physics: pd.DataFrame | None = None) -> dict:
    """The scores of one model over ``rows`` (``measured_fps``, ``predicted_fps``, anchors
    already left out): n, median and 90th percentile of |log10|, shares within ±25 % and
    ×2, the mean within-platform Spearman, and, with ``physics`` (the level-1 rows), how
    many run more than :data:`BEATS_FACTOR` times faster than the physics-only model."""
    ok = rows.dropna(subset=["predicted_fps"])
    err = log_error(ok["measured_fps"], ok["predicted_fps"])
    ratio = ok["measured_fps"] / ok["predicted_fps"]
    rho = [spearman(g["measured_fps"], g["predicted_fps"]) for _, g in ok.groupby("platform")]
    rho = [r for r in rho if not np.isnan(r)]
    out = {
        "n": int(len(ok)),
        "median_abs_log10": float(err.median()) if len(ok) else float("nan"),
        "p90_abs_log10": float(err.quantile(0.9)) if len(ok) else float("nan"),
        "within_25_pct": float(((ratio >= 1 / 1.25) & (ratio <= 1.25)).mean() * 100)
        if len(ok)
        else float("nan"),
        "within_2x_pct": float(((ratio >= 0.5) & (ratio <= 2)).mean() * 100) if len(ok) else float("nan"),
        "spearman_within_platform": float(np.mean(rho)) if rho else float("nan"),
    }
    if physics is not None:
        keys = CONFIG + ["batch"]
        # the physics-only prediction is one number per configuration and batch: a data set
        # that repeats a measurement pairs each row with it once (not every repeat with
        # every repeat, which grows as the square of the repeats)
        joined = ok[keys + ["measured_fps"]].merge(
            physics[keys + ["predicted_fps"]]
            .drop_duplicates(keys)
            .rename(columns={"predicted_fps": "physics_fps"}),
            on=keys,
        )
        out["beats_physics_n"] = int((joined["measured_fps"] > BEATS_FACTOR * joined["physics_fps"]).sum())
    return out


#: the columns of :func:`compare` and their types
ROW_TYPES = {
    "task": "object",
    "platform": "object",
    "op_mode": "object",
    "datatype": "object",
    "topology": "object",
    "pruning_pct": "float64",
    "batch": "int64",
    "measured_fps": "float64",
    "model": "object",
    "predicted_fps": "float64",
    "bound": "object",
    "is_anchor": "bool",
}


def compare(
    measured: pd.DataFrame, level0: pd.DataFrame, layers_for: LayersFor, platform_for: PlatformFor
) -> pd.DataFrame:
    """One row per measured configuration × batch × model: ``task`` and :data:`CONFIG`,
    ``batch measured_fps model predicted_fps bound is_anchor``.

    ``measured`` has the configuration, ``task``, ``batch``, ``measured_fps`` and
    ``gop_per_inference``; ``level0`` the configuration and its ``predicted_fps`` and
    ``bound``. The calibrated model reads the anchors' measurements and nothing else.
    """
    base = measured[["task"] + CONFIG + ["batch", "measured_fps", "gop_per_inference"]]
    base = base.sort_values(CONFIG + ["batch"], kind="stable").reset_index(drop=True)
    if base.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in ROW_TYPES.items()})
    phys = predict_level1(base, layers_for, platform_for)
    best = best_batches(base.loc[phys["predicted_fps"].notna()])
    anchors = choose_anchors(best)
    fitted = calibrate_platforms(best, anchors, layers_for, platform_for)
    cal = predict_level1(base, layers_for, platform_for, calibrated=fitted)
    zero = base.merge(level0[CONFIG + ["predicted_fps", "bound"]], on=CONFIG, how="left")
    flag = base[CONFIG].merge(anchors.assign(is_anchor=True), on=CONFIG, how="left")
    is_anchor = flag["is_anchor"].fillna(False).astype(bool).to_numpy()
    parts = []
    for model, frame in (("level0", zero), ("level1", phys), ("level1_calibrated", cal)):
        parts.append(
            frame[["task"] + CONFIG + ["batch", "measured_fps", "predicted_fps", "bound"]].assign(
                model=model, is_anchor=is_anchor
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out[["task"] + CONFIG + ["batch", "measured_fps", "model", "predicted_fps", "bound", "is_anchor"]]


def summary(rows: pd.DataFrame) -> pd.DataFrame:
    """Scores per model, overall (``platform`` = ``all``) and per platform, anchors left
    out: at each configuration's best measured batch (``scope`` = ``best_batch``) and over
    every measured batch (``all_batches``)."""
    scored_all = rows.loc[~rows["is_anchor"].astype(bool)]
    # one row per configuration and model (a configuration measured twice at its best
    # batch counts once: its faster row)
    best = (
        pd.concat([best_batches(scored_all.loc[scored_all["model"] == m]) for m in MODELS], ignore_index=True)
        if not scored_all.empty
        else scored_all
    )
    out = []
    for scope, scored in (("best_batch", best), ("all_batches", scored_all)):
        physics = scored.loc[scored["model"] == "level1"]
        for model in MODELS:
            part = scored.loc[scored["model"] == model]
            out.append({"model": model, "scope": scope, "platform": "all", **scores(part, physics)})
            for name, group in part.groupby("platform", sort=True):
                out.append(
                    {
                        "model": model,
                        "scope": scope,
                        "platform": name,
                        **scores(group, physics.loc[physics["platform"] == name]),
                    }
                )
    return pd.DataFrame(out)
