"""The measured analysis: best point per configuration, fronts, efficiency against the
roofline, per-configuration power and energy, box-plot statistics, trace outliers."""

from __future__ import annotations

import pandas as pd

from . import pareto
from .vocabulary import DATATYPES

CONFIG = ["platform", "op_mode", "datatype", "topology", "pruning_pct"]


def _text_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Configuration keys as plain strings (categoricals and NA made comparable)."""
    out = frame.copy()
    for col in ("platform", "op_mode", "datatype", "topology"):
        if col in out.columns:
            out[col] = out[col].astype("string")
    return out


def best_per_config(measurements: pd.DataFrame) -> pd.DataFrame:
    """Each configuration's row with the highest throughput_compute_fps over batch sizes.

    Ties keep the smallest batch. Rows without a compute throughput are ignored; a
    configuration with none at all is left out.

    >>> m = pd.DataFrame({"platform": ["A"] * 3, "op_mode": [None] * 3, "datatype": ["INT8"] * 3,
    ...     "topology": ["N"] * 3, "pruning_pct": [100.0] * 3, "batch": [1, 2, 4],
    ...     "throughput_compute_fps": [10.0, 30.0, 30.0]})
    >>> best_per_config(m)["batch"].tolist()
    [2]
    """
    m = _text_keys(measurements)
    m = m.loc[m["throughput_compute_fps"].notna()]
    order = m.sort_values(["throughput_compute_fps", "batch"], ascending=[False, True], kind="stable")
    best = order.drop_duplicates(CONFIG, keep="first")
    # back to the input's order of first appearance, for stable colours and tables
    first_seen = m.drop_duplicates(CONFIG)[CONFIG].reset_index(drop=True).reset_index()
    best = best.merge(first_seen, on=CONFIG, how="left").sort_values("index", kind="stable")
    return best.drop(columns="index").reset_index(drop=True)


def measured_front(best: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Strict front of throughput and top-1 (both maximised); also the number of
    configurations left out for want of an accuracy."""
    has_acc = best["top1_pct"].notna()
    return pareto.front(best.loc[has_acc], "throughput_compute_fps", "top1_pct"), int((~has_acc).sum())


def efficiency(best: pd.DataFrame, predictions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Measured against predicted throughput for every configuration that has a prediction.

    Returns (table, unmatched configurations). peak_fps = peak TOP/s × 1000 ÷ GOP per
    inference, with the prediction's op count, so peak ≥ predicted always holds.
    """
    pred = _text_keys(predictions)[CONFIG + ["predicted_fps", "peak_tops", "gop_per_inference"]]
    pred = pred.rename(columns={"gop_per_inference": "gop_per_inference_pred"})
    joined = _text_keys(best).merge(pred, on=CONFIG, how="left", validate="one_to_one")
    matched = joined["predicted_fps"].notna()
    out = joined.loc[matched].rename(columns={"throughput_compute_fps": "measured_fps"})
    out["peak_fps"] = out["peak_tops"] * 1000.0 / out["gop_per_inference_pred"]
    out["efficiency_pct"] = out["measured_fps"] / out["predicted_fps"] * 100.0
    out["is_above_roofline"] = (out["measured_fps"] > out["predicted_fps"]).to_numpy()
    keys = CONFIG + (["config_key"] if "config_key" in joined.columns else [])
    return out.reset_index(drop=True), joined.loc[~matched, keys].reset_index(drop=True)


def overlapped_points(
    best: pd.DataFrame, predictions: pd.DataFrame, reference_top1: pd.DataFrame
) -> pd.DataFrame:
    """Measured and predicted points of the configurations that have both (and an accuracy
    on each side), with ``is_front`` on each type's own front.

    Columns: the configuration, config_key, platform_label, type (measured or predicted),
    fps, top1_pct, is_front. The predicted accuracy is the catalogue's reference top-1.
    """
    b = _text_keys(best).loc[lambda f: f["top1_pct"].notna()]
    p = (
        _text_keys(predictions)
        .merge(
            _text_keys(reference_top1)[["topology", "pruning_pct", "datatype", "top1_pct"]],
            on=["topology", "pruning_pct", "datatype"],
            how="left",
        )
        .loc[lambda f: f["top1_pct"].notna()]
    )
    keys = b[CONFIG].merge(p[CONFIG], on=CONFIG)
    meas = b.merge(keys, on=CONFIG).assign(type="measured", fps=lambda f: f["throughput_compute_fps"])
    prd = p.merge(keys, on=CONFIG).assign(type="predicted", fps=lambda f: f["predicted_fps"])
    cols = CONFIG + ["config_key", "platform_label", "type", "fps", "top1_pct"]
    prd = prd.merge(meas[CONFIG + ["config_key", "platform_label"]], on=CONFIG)
    parts = []
    for part in (meas[cols], prd[cols]):
        part = part.reset_index(drop=True)
        part["is_front"] = pareto.front_mask(part["fps"], part["top1_pct"])
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def median_per_batch(measurements: pd.DataFrame) -> pd.DataFrame:
    """One point per configuration × batch: the median compute latency [ms] and throughput
    [fps] of its repeated measurements (charts stay the same size however often a
    configuration was measured), with the configuration's platform label, datatype,
    topology and pruning (for the chart's panels, colours and shapes)."""
    m = _text_keys(measurements)
    keys = ["config_key", "platform_label", "datatype", "topology", "pruning_pct", "batch"]
    return (
        m.groupby(keys, sort=False, observed=True)
        .agg(
            latency_compute_ms=("latency_compute_ms", "median"),
            throughput_compute_fps=("throughput_compute_fps", "median"),
        )
        .reset_index()
    )


def per_config_means(measurements: pd.DataFrame) -> pd.DataFrame:
    """Per configuration, means over batch sizes of full power [W], energy per inference
    [mJ] (power ÷ throughput × 1000 per row) and throughput per watt [fps/W] (throughput
    ÷ power per row). Rows lacking power or throughput do not count."""
    m = _text_keys(measurements)
    m = m.assign(
        energy_mj=m["power_full_w"] / m["throughput_compute_fps"] * 1000.0,
        fps_per_w=m["throughput_compute_fps"] / m["power_full_w"].where(m["power_full_w"] > 0),
    )
    keys = CONFIG + ["config_key", "platform_label"]
    out = (
        m.groupby(keys, sort=False, dropna=False, observed=True)
        .agg(
            power_full_w=("power_full_w", "mean"),
            energy_mj=("energy_mj", "mean"),
            fps_per_w=("fps_per_w", "mean"),
            n_batches=("batch", "size"),
        )
        .reset_index()
    )
    return out


def boxplot_stats(measurements: pd.DataFrame, value: str) -> pd.DataFrame:
    """Five-number summary of ``value`` per network (topology) × hardware (platform label
    and datatype, 'TX2-maxn FP16') × pruning: topology, hardware, pruning_pct, min, q1,
    median, q3, max, n. A box never mixes networks. Missing values do not count. Rows in
    the order of first appearance of topology and hardware, prunings descending."""
    m = _text_keys(measurements).dropna(subset=[value])
    m = m.assign(hardware=(m["platform_label"].astype("string") + " " + m["datatype"]))
    g = m.groupby(["topology", "hardware", "pruning_pct"], sort=False, observed=True)[value]
    out = pd.DataFrame(
        {
            "min": g.min(),
            "q1": g.quantile(0.25),
            "median": g.median(),
            "q3": g.quantile(0.75),
            "max": g.max(),
            "n": g.size(),
        }
    ).reset_index()
    first = {k: i for i, k in enumerate(dict.fromkeys(zip(out["topology"], out["hardware"])))}
    rank = pd.Series([first[k] for k in zip(out["topology"], out["hardware"])], index=out.index)
    return (
        out.assign(rank=rank)
        .sort_values(["rank", "pruning_pct"], ascending=[True, False], kind="stable")
        .drop(columns="rank")
        .reset_index(drop=True)
    )


def drop_trace_outliers(
    traces: pd.DataFrame, *, k: float = 9.0, min_std_w: float = 0.2
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop samples further than ``k`` standard deviations from their series' mean, in
    series whose standard deviation is at least ``min_std_w`` watts (the original site's
    rule). Returns (kept, dropped)."""
    g = traces.groupby(["op_mode", "series"], sort=False, observed=True)["power_w"]
    mean, std = g.transform("mean"), g.transform("std")
    outlier = (std >= min_std_w) & ((traces["power_w"] - mean).abs() > k * std)
    return traces.loc[~outlier].reset_index(drop=True), traces.loc[outlier].reset_index(drop=True)


def overview(measurements: pd.DataFrame) -> pd.DataFrame:
    """Which platform ran which topology, at which datatypes, prunings and batch sizes
    (generated from the data): one row per platform_label × topology."""
    m = _text_keys(measurements)
    rows = []
    for (label, topology), part in m.groupby(["platform_label", "topology"], sort=False, observed=True):
        rows.append(
            {
                "platform_label": label,
                "topology": topology,
                "datatypes": ", ".join(_ordered(part["datatype"], DATATYPES)),
                "pruning_pcts": ", ".join(
                    f"{p:g}" for p in sorted(part["pruning_pct"].unique(), reverse=True)
                ),
                "batches": ", ".join(str(b) for b in sorted(part["batch"].unique())),
                "n_rows": int(len(part)),
            }
        )
    return pd.DataFrame(
        rows, columns=["platform_label", "topology", "datatypes", "pruning_pcts", "batches", "n_rows"]
    )


def _ordered(values: pd.Series, order: list[str]) -> list[str]:
    present = set(values)
    return [v for v in order if v in present] + sorted(present - set(order))
