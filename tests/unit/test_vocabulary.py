"""qutiflow.vocabulary (read through qutiflow.reference.vocabulary): name keys, resolving
spellings, nearest names, and the alias table's own errors; every expected value by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import nan_list, vocab_from
from qutiflow.errors import InputError
from qutiflow.vocabulary import key


def test_key_folds_case_and_collapses_white_space():
    assert key("  TX2   -\tMAXN ") == "tx2 - maxn"
    assert key("ZCU104-Bismo") == key("zcu104-BISMO") == "zcu104-bismo"


def test_resolve_is_case_insensitive_and_carries_the_op_mode(tmp_path):
    vocab = vocab_from(tmp_path)
    values = pd.Series(["zcu104-bismo", "ZCU104-Bismo", "  tx2   MAXN ", "", "ZCU104-DBU"])
    res = vocab.resolve("platform", values)
    assert nan_list(res.canonical) == ["ZCU104-BISMO", "ZCU104-BISMO", "TX2", None, None]
    assert nan_list(res.op_mode) == [None, None, "maxn", None, None]
    assert res.unknown.tolist() == [False, False, False, False, True]  # empty is not unknown


def test_canonical_ids_in_first_seen_order(tmp_path):
    vocab = vocab_from(tmp_path)
    assert vocab.canonical_ids("platform") == ["ZCU104-DPU", "ZCU102-DPU", "ZCU104-BISMO", "TX2"]
    assert vocab.canonical_ids("topology") == ["ResNet-50", "GoogLeNetv1", "CNV", "MLP"]
    assert vocab.canonical_ids("datatype") == []


def test_nearest_names_by_similarity(tmp_path):
    vocab = vocab_from(tmp_path)
    # difflib ratios of the keys to "zcu104-dbu" (2 x matching chars / total length):
    #   zcu104-dpu   2*9/20 = 0.90   ("zcu104-d" + "u")
    #   zcu102-dpu   2*8/20 = 0.80   ("zcu10" + "-d" + "u")
    #   zcu104-bismo 2*8/22 = 0.73   ("zcu104-" + "b")
    #   tx2, tx2 maxn         0      (no common character), below the 0.4 cut-off
    assert vocab.nearest("platform", "ZCU104-DBU") == ["ZCU104-DPU", "ZCU102-DPU", "ZCU104-BISMO"]
    assert vocab.nearest("platform", "Q") == []


def test_unknown_problems_name_file_line_column_and_nearest(tmp_path):
    vocab = vocab_from(tmp_path)
    values = pd.Series(["TX2", "ZCU104-DBU"])
    res = vocab.resolve("platform", values)
    [p] = vocab.unknown_problems(
        "platform", values, res.unknown, pd.Series([2, 3]), file="m.csv", column="HWType"
    )
    assert (p.file, p.line, p.column, p.value, p.message) == (
        "m.csv",
        3,
        "HWType",
        "ZCU104-DBU",
        "unknown platform name",
    )
    assert p.fix == (
        "nearest known: ZCU104-DPU, ZCU102-DPU, ZCU104-BISMO; use a known name "
        "or add a line 'platform,ZCU104-DBU,<canonical id>,,' to config/aliases.csv"
    )


def test_unknown_op_mode_message_uses_words(tmp_path):
    vocab = vocab_from(tmp_path)
    values = pd.Series(["maxz"])
    res = vocab.resolve("op_mode", values)
    [p] = vocab.unknown_problems(
        "op_mode", values, res.unknown, pd.Series([5]), file="m.csv", column="Op mode"
    )
    assert p.message == "unknown op mode name"


def test_conflicting_alias_lines_are_an_input_error(tmp_path):
    text = (
        "kind,spelling,canonical,op_mode,note\n"
        "platform,TX2,TX2,,\n"  # line 2
        "platform,NCS,NCS2,,\n"  # line 3
        "platform,tx2,NCS2,,\n"  # line 4: same key as line 2, other canonical
        "platform,TX2-maxn,TX2,maxn,\n"  # line 5
        "platform,TX2-MAXN,TX2,maxp,\n"
    )  # line 6: same key as line 5, other op mode
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    got = [(p.file, p.column, p.value, p.message) for p in info.value.problems]
    assert got == [
        ("config/aliases.csv", "spelling", "tx2", "spelling already maps to 'TX2'"),
        ("config/aliases.csv", "spelling", "TX2-MAXN", "spelling already maps to 'TX2'"),
    ]
    assert all(p.fix == "keep one line per spelling" for p in info.value.problems)


def test_repeating_an_alias_line_is_not_a_conflict(tmp_path):
    vocab = vocab_from(
        tmp_path,
        "kind,spelling,canonical,op_mode,note\n"
        "platform,TX2-maxn,TX2,maxn,\nplatform,tx2-MAXN,TX2,maxn,again\n",
    )
    res = vocab.resolve("platform", pd.Series(["TX2-MAXN"]))
    assert (res.canonical[0], res.op_mode[0]) == ("TX2", "maxn")


def test_conflicting_alias_lines_name_their_line(tmp_path):
    text = (
        "kind,spelling,canonical,op_mode,note\n"
        "platform,TX2,TX2,,\n"  # line 2
        "platform,tx2,NCS2,,\n"
    )  # line 3: conflicts with line 2
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    assert [p.line for p in info.value.problems] == [3]


def test_unknown_kind_and_empty_canonical_are_input_errors(tmp_path):
    text = (
        "kind,spelling,canonical,op_mode,note\n"
        "gadget,TX2,TX2,,\n"  # line 2
        "platform,TX2,,,\n"
    )  # line 3
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    got = [(p.column, p.value, p.message) for p in info.value.problems]
    assert got == [
        ("kind", "gadget", "unknown kind"),
        ("spelling", "TX2", "spelling and canonical must not be empty"),
    ]


def test_unknown_kind_names_its_line(tmp_path):
    text = (
        "kind,spelling,canonical,op_mode,note\n"
        "platform,TX2,TX2,,\n"  # line 2
        "gadget,TX2,TX2,,\n"
    )  # line 3
    with pytest.raises(InputError) as info:
        vocab_from(tmp_path, text)
    assert [p.line for p in info.value.problems] == [3]
