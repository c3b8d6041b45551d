"""Display labels shared by tables and figures."""
from __future__ import annotations

import pandas as pd

from .tasks import platform_label, pruning_label


def hardware_label(frame: pd.DataFrame) -> pd.Series:
    """'TX2-maxn FP16': platform with op mode, then datatype."""
    return (platform_label(frame["platform"], frame["op_mode"]) + " "
            + frame["datatype"].astype("string")).astype("string")


def network_label(frame: pd.DataFrame) -> pd.Series:
    """'ResNet-50 80%': topology and pruning."""
    return (frame["topology"].astype("string") + " " + pruning_label(frame["pruning_pct"])
            + "%").astype("string")


def model_label(frame: pd.DataFrame) -> pd.Series:
    """'ResNet-50 80% INT8': topology, pruning and datatype of a trained model."""
    return (network_label(frame) + " " + frame["datatype"].astype("string")).astype("string")
