"""Roofline model: arithmetic intensity, attainable performance, predicted throughput.

Units: peak in TOP/s (10^12 op/s), bandwidth in GB/s, intensity in op/B, op counts in GOP.
attainable [TOP/s] = min(peak, bandwidth × intensity / 1000); the ridge point, where the two
meet, is at peak × 1000 / bandwidth op/B.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: bytes per weight; weights are read once per inference (the paper's level-0 assumption)
BYTES_PER_ELEMENT = {"INT2": 0.25, "INT4": 0.5, "INT8": 1.0, "FP16": 2.0, "FP32": 4.0}


def arithmetic_intensity(gop_per_inference, params_m, datatype) -> pd.Series:
    """Operations per byte of weights: GOP × 10^9 ÷ (params × 10^6 × bytes per element).

    >>> arithmetic_intensity(pd.Series([0.02002944]), pd.Series([10.01472]), pd.Series(["INT2"])).round(6).tolist()
    [8.0]
    """
    nbytes = pd.Series(datatype).map(BYTES_PER_ELEMENT).astype("float64").to_numpy()
    return pd.Series(
        np.asarray(gop_per_inference, dtype="float64")
        * 1000.0
        / (np.asarray(params_m, dtype="float64") * nbytes)
    )


def ridge_point_opb(peak_tops, bandwidth_gbps):
    """Intensity where the memory roof meets the compute roof: peak × 1000 ÷ bandwidth.

    >>> round(float(ridge_point_opb(0.96, 4.26)), 4)
    225.3521
    """
    return np.asarray(peak_tops, dtype="float64") * 1000.0 / np.asarray(bandwidth_gbps, dtype="float64")


def attainable_tops(peak_tops, bandwidth_gbps, intensity_opb):
    """min(peak, bandwidth × intensity ÷ 1000), elementwise.

    >>> round(float(attainable_tops(6.71, 19.2, 302.71)), 6)
    5.812032
    """
    memory = np.asarray(bandwidth_gbps, dtype="float64") * np.asarray(intensity_opb, dtype="float64") / 1000.0
    return np.minimum(np.asarray(peak_tops, dtype="float64"), memory)


def bound(peak_tops, bandwidth_gbps, intensity_opb) -> np.ndarray:
    """'memory' where bandwidth × intensity is below the peak, else 'compute'."""
    memory = np.asarray(bandwidth_gbps, dtype="float64") * np.asarray(intensity_opb, dtype="float64") / 1000.0
    return np.where(memory < np.asarray(peak_tops, dtype="float64"), "memory", "compute")


def with_intensity(topologies: pd.DataFrame) -> pd.DataFrame:
    """The topology catalogue plus arithmetic_intensity_opb and its relative difference to
    the intensity the input stated (``intensity_rel_diff``, NaN where none was stated)."""
    out = topologies.copy()
    out["arithmetic_intensity_opb"] = arithmetic_intensity(
        out["gop_per_inference"], out["params_m"], out["datatype"]
    ).to_numpy()
    stated = out["intensity_reported_opb"].astype("float64")
    out["intensity_rel_diff"] = ((out["arithmetic_intensity_opb"] - stated).abs() / stated).to_numpy()
    return out


def predict(platforms: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """One row per platform × op mode × datatype × trained model of that datatype.

    ``models`` carries topology, pruning_pct, datatype, gop_per_inference and
    arithmetic_intensity_opb (see :func:`with_intensity`). predicted_fps = attainable
    TOP/s × 1000 ÷ GOP per inference.
    """
    pcols = ["platform", "op_mode", "datatype", "peak_tops", "bandwidth_gbps"]
    mcols = ["topology", "pruning_pct", "datatype", "gop_per_inference", "arithmetic_intensity_opb"]
    out = platforms[pcols].merge(models[mcols], on="datatype", how="inner", sort=False)
    out["attainable_tops"] = attainable_tops(
        out["peak_tops"], out["bandwidth_gbps"], out["arithmetic_intensity_opb"]
    )
    out["predicted_fps"] = out["attainable_tops"] * 1000.0 / out["gop_per_inference"]
    out["bound"] = bound(out["peak_tops"], out["bandwidth_gbps"], out["arithmetic_intensity_opb"])
    return out.reset_index(drop=True)


def roofline_lines(platforms: pd.DataFrame, *, x_min: float, x_max: float) -> pd.DataFrame:
    """Three points per platform × op mode × datatype: (x_min, memory roof), the exact ridge
    (peak ÷ bandwidth, peak) and (x_max, peak); x in op/B, y in TOP/s. A ridge outside
    [x_min, x_max] is clamped to the nearer end, so each line stays within the domain."""
    rows = []
    for r in platforms.itertuples(index=False):
        ridge = float(ridge_point_opb(r.peak_tops, r.bandwidth_gbps))
        xs = [x_min, min(max(ridge, x_min), x_max), x_max]
        for order, x in enumerate(xs):
            rows.append(
                {
                    "platform": r.platform,
                    "op_mode": r.op_mode,
                    "datatype": r.datatype,
                    "point": order,
                    "intensity_opb": x,
                    "ridge_opb": ridge,
                    "performance_tops": float(attainable_tops(r.peak_tops, r.bandwidth_gbps, x)),
                }
            )
    return pd.DataFrame(rows)
