"""Power traces: voltage and current over time, in two layouts told apart by header: the
tidy layout (:mod:`qutiflow.readers.power_traces_tidy`) and QuTiBench's original wide
layout (:mod:`qutiflow.readers.power_traces_wide`).

A header with a ``series`` column is the tidy layout; any other is the wide one.
"""

from __future__ import annotations

import pandas as pd

from ..io import read_csv_text
from ..vocabulary import Vocabulary
from .power_traces_tidy import tidy_power_trace
from .power_traces_wide import wide_power_trace


def read_power_trace(path: str, name: str, vocab: Vocabulary, *, platform: str) -> pd.DataFrame:
    """Long table: platform, op_mode, series, sample, time_s, voltage_v, current_a, power_w,
    source_file, source_line (:data:`qutiflow.schemas.POWER_TRACES`), from a file in
    either layout. Raises :class:`InputError` with every problem of the file."""
    text = read_csv_text(path, name)
    if "series" in {h.strip() for h in text.header[0]}:
        return tidy_power_trace(text, vocab, platform=platform)
    return wide_power_trace(text, vocab, platform=platform)
