"""qutiflow.readers.power_traces on tiny hand-written files in QuTiBench's original format
(ragged traces, one column pair per network); expected values written out by hand next to
each fixture line."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import records, write
from qutiflow.errors import InputError
from qutiflow.readers.power_traces import read_power_trace


def nan_equal(a, b) -> bool:
    """Equal values, or both missing (NaN / None / <NA>)."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return a == pytest.approx(b, rel=1e-12)


TRACE = (
    "goo_volt,fast_goo_amp,fast_mob_volt,fast_mob_amp,Idle,fast_r15_volt,fast_r15_amp\n"
    "5.00,0.200,4.00,0.250,0.79442,5.10,0.100\n"  # line 2, sample 0
    "5.00,0.300,,,0.80,5.20,0.050\n"  # line 3, sample 1
    ",,,,,5.00,0.010\n"  # line 4, sample 2 (only r15 left)
)

#: power = volt x amp, by hand; Idle is already a power
TRACE_EXPECTED = [
    # series, sample, time_s, voltage_v, current_a, power_w, source_line
    ["GoogLeNetv1", 0, 0.0, 5.00, 0.200, 1.00, 2],  # 5.00 x 0.200
    ["GoogLeNetv1", 1, 1.0, 5.00, 0.300, 1.50, 3],  # 5.00 x 0.300
    ["MobileNetv1", 0, 0.0, 4.00, 0.250, 1.00, 2],  # 4.00 x 0.250
    ["ResNet-50v15", 0, 0.0, 5.10, 0.100, 0.51, 2],  # 5.10 x 0.100
    ["ResNet-50v15", 1, 1.0, 5.20, 0.050, 0.26, 3],  # 5.20 x 0.050
    ["ResNet-50v15", 2, 2.0, 5.00, 0.010, 0.05, 4],  # 5.00 x 0.010
    ["idle", 0, 0.0, None, None, 0.79442, 2],
    ["idle", 1, 1.0, None, None, 0.80, 3],
]


def test_ragged_power_trace_long_table(tmp_path, vocab):
    path = write(tmp_path, "power/power_measur_fast.csv", TRACE)
    table = read_power_trace(path, "power/power_measur_fast.csv", vocab, platform="EdgeTPU")
    got = records(table, ["series", "sample", "time_s", "voltage_v", "current_a", "power_w", "source_line"])
    assert len(got) == len(TRACE_EXPECTED)
    for g, e in zip(got, TRACE_EXPECTED):
        assert g[:3] == e[:3] and g[6] == e[6]
        assert all(nan_equal(a, b) for a, b in zip(g[3:6], e[3:6])), (g, e)
    assert set(table["platform"]) == {"EdgeTPU"}
    assert set(table["op_mode"]) == {"fast"}
    assert set(table["source_file"]) == {"power/power_measur_fast.csv"}


def test_power_trace_series_names_are_canonical(tmp_path, vocab):
    path = write(tmp_path, "power_measur_fast.csv", TRACE)
    table = read_power_trace(path, "power_measur_fast.csv", vocab, platform="EdgeTPU")
    assert list(dict.fromkeys(table["series"])) == ["GoogLeNetv1", "MobileNetv1", "ResNet-50v15", "idle"]
    counts = table.groupby("series").size().to_dict()
    assert counts == {"GoogLeNetv1": 2, "MobileNetv1": 1, "ResNet-50v15": 3, "idle": 2}


def test_power_trace_slow_mode(tmp_path, vocab):
    text = "goo_volt,slow_goo_amp,Idle\n5.0,0.1,0.7\n"
    path = write(tmp_path, "power_measur_slow.csv", text)
    table = read_power_trace(path, "power_measur_slow.csv", vocab, platform="EdgeTPU")
    assert set(table["op_mode"]) == {"slow"}
    assert table["power_w"].tolist() == pytest.approx([0.5, 0.7])  # 5.0 x 0.1; idle 0.7


def test_power_trace_two_mode_prefixes_is_an_error(tmp_path, vocab):
    text = "fast_goo_volt,slow_goo_amp\n5.0,0.1\n"
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")
    [p] = info.value.problems
    assert (p.line, p.value) == (1, "fast,slow")
    assert "exactly one op-mode prefix" in p.message


def test_power_trace_unknown_network_is_an_error(tmp_path, vocab):
    text = "goo_volt,fast_goo_amp,fast_xyz_volt,fast_xyz_amp\n5.0,0.1,5.0,0.2\n"
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("trace.csv", 1, "xyz_volt/amp", "xyz")


def test_power_trace_unknown_mode_prefix_is_an_error(tmp_path, vocab):
    text = "goo_volt,turbo_goo_amp\n5.0,0.1\n"
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError):
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")


def test_power_trace_voltage_without_current_is_an_error(tmp_path, vocab):
    text = "goo_volt,fast_goo_amp\n5.0,0.1\n5.0,\n"  # line 3: a voltage with no current
    path = write(tmp_path, "trace.csv", text)
    with pytest.raises(InputError) as info:
        read_power_trace(path, "trace.csv", vocab, platform="EdgeTPU")
    assert [p.line for p in info.value.problems] == [3]
