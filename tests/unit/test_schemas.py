"""qutiflow.schemas: empty frames with every column's type; missing columns are a loud
internal error."""

from __future__ import annotations

import pytest
from qutiflow import schemas


def test_empty_frame_has_every_column_with_its_type():
    frame = schemas.empty_frame(schemas.POWER_TRACES)
    assert list(frame.columns) == [c.name for c in schemas.POWER_TRACES]
    assert len(frame) == 0
    assert str(frame["sample"].dtype) == "Int64" and str(frame["power_w"].dtype) == "float64"


def test_check_columns_is_a_loud_internal_error():
    frame = schemas.empty_frame(schemas.PLATFORMS).drop(columns=["source"])
    with pytest.raises(RuntimeError, match=r"columns missing before write: \['source'\]"):
        schemas.check_columns(frame, schemas.PLATFORMS, what="t")
    schemas.check_columns(schemas.empty_frame(schemas.PLATFORMS), schemas.PLATFORMS, what="t")
