"""qutiflow.reference: the op-count table and the topology → task table read through the
vocabulary; every expected value by hand."""

from __future__ import annotations

import pytest
from helpers import vocab_from, write
from qutiflow import io, reference
from qutiflow.errors import InputError


def test_reference_op_counts_and_topology_tasks(tmp_path):
    vocab = vocab_from(tmp_path)
    ops = write(
        tmp_path,
        "op_counts.csv",
        "topology,pruning_pct,gop_per_inference,source\n"
        "RN50,100,7.72,He et al.\n"
        "CNV,12.50%,0.008017792,counted\n",
    )
    table = reference.op_counts(io.read_csv_text(ops, "config/op_counts.csv"), vocab)
    assert table.values.tolist() == [
        ["ResNet-50", 100.0, 7.72, "He et al."],
        ["CNV", 12.5, 0.008017792, "counted"],
    ]
    topo = write(tmp_path, "topologies.csv", "topology,task,description\nRN50,imagenet,x\nCNV,cifar10,y\n")
    assert reference.topology_tasks(io.read_csv_text(topo, "config/topologies.csv"), vocab) == {
        "ResNet-50": "imagenet",
        "CNV": "cifar10",
    }


def test_reference_op_counts_repeated_topology_and_pruning(tmp_path):
    vocab = vocab_from(tmp_path)
    ops = write(
        tmp_path,
        "op_counts.csv",
        "topology,pruning_pct,gop_per_inference,source\nCNV,50,0.12,a\ncnv,50%,0.119,b\n",
    )  # line 3: the same model again
    with pytest.raises(InputError) as info:
        reference.op_counts(io.read_csv_text(ops, "config/op_counts.csv"), vocab)
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("config/op_counts.csv", 3, "topology", "CNV 50")
