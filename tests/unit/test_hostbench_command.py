"""`python -m qutiflow.hostbench`: its tidy files read back by the pipeline's own reader and
checks, its refusal to replace an existing or git-tracked file without --force, --help.

The sweep is a fixed stand-in (two networks, known timings): these tests are about what
is written and when, not about the machine; tests/workflow/test_measure_host.py measures
for real.
"""

from __future__ import annotations

import ast
import csv
import io as stdio
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from qutiflow import clean, io, reference
from qutiflow.hostbench import __main__ as cli
from qutiflow.hostbench import command, contribution, host, sweep
from qutiflow.readers.measurements import read_measurement_file
from qutiflow.readers.topologies import read_topologies

REPO = Path(__file__).resolve().parents[2]
ALIASES = REPO / "config/aliases.csv"
CATALOGUE = REPO / "raw_data/topologies.csv"
MACHINE = {"cpu_model": "Test CPU", "logical_cores": "2", "os": "Linux", "python": "3", "numpy": "2"}


def timing(ms: float) -> host.Timing:
    return host.Timing(median_s=ms / 1e3, q1_s=ms * 0.9 / 1e3, q3_s=ms * 1.2 / 1e3, repeats=7)


def fake_result() -> sweep.SweepResult:
    plan = sweep.preset("quick", cores=2)
    points = [
        sweep.Point("MLP", 100.0, "FP32", 16, 2, timing(0.123456789), None, 0.0059),
        sweep.Point("CNV", 12.5, "INT8", 1, 1, timing(3.14159265), 7.25, 0.0106),
        sweep.Point("MobileNetv1", 100.0, "INT8", 1, 1, timing(20.0), 9.5, 1.1374807),
    ]
    rooflines = [sweep.HostRoofline(t, 12.3456789, {"FP32": 0.1, "INT8": 0.4}) for t in plan.threads]
    return sweep.SweepResult(plan, points, rooflines, idle_power_w=3.5, seconds=1.0)


def accuracy() -> dict:
    vocab = reference.vocabulary(io.read_csv_text(ALIASES, "aliases.csv"))
    return contribution.reference_accuracy(read_topologies([(str(CATALOGUE), "topologies.csv")], vocab))


def checked(path: Path, name: str) -> tuple[pd.DataFrame, list[str]]:
    """The file as the pipeline's validate_measurements reads and checks it."""
    vocab = reference.vocabulary(io.read_csv_text(ALIASES, "aliases.csv"))
    tasks_file = REPO / "config/topologies.csv"
    tasks = reference.topology_tasks(io.read_csv_text(tasks_file, "topologies.csv"), vocab)
    text, notes = read_measurement_file(str(path), name)
    frame, problems = clean.check_measurements(text, file=name, vocab=vocab, topology_tasks=tasks)
    assert not problems, problems
    return frame, notes


def legacy_master_csv(result: sweep.SweepResult, acc: dict) -> str:
    """The same sweep in the master-table layout that measure_host wrote before the tidy
    one (its header and cells, as the earlier writer spelled them)."""
    header = ["NN_Topology", "HWType", "Datatype", "Op mode", "batch/thread/stream", "lat-comp"]
    header += ["fps-comp", "top1 [%]", "top5 [%]", "Idle_Pwr_W", "Full_Pwr_W", "GOPS", "PruningFactor"]
    header += ["top1 source", "lat-comp-q1", "lat-comp-q3", "repetitions"]
    buf = stdio.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(header)
    num = contribution._num
    for p in result.points:
        top1, top5 = acc.get((p.topology, p.pruning_pct, p.datatype), (None, None))
        pruning = f"{p.pruning_pct:.0f}%" if p.pruning_pct.is_integer() else f"{p.pruning_pct:.2f}%"
        out.writerow(
            [p.topology, "Host-CPU", p.datatype, f"threads-{p.threads}", p.batch, num(p.latency_ms)]
            + [num(p.throughput_fps), num(top1), num(top5), num(result.idle_power_w), num(p.power_w)]
            + [num(p.gop_per_inference * p.batch, 9), pruning, "reference" if top1 is not None else ""]
            + [num(p.timing.q1_s * 1e3), num(p.timing.q3_s * 1e3), p.timing.repeats]
        )
    return buf.getvalue()


def test_tidy_file_reads_back_with_no_note_and_the_numbers_of_the_master_layout(tmp_path):
    result, acc = fake_result(), accuracy()
    tidy = tmp_path / "host-cpu.csv"
    tidy.write_text(contribution.measurements_csv(result, "Host-CPU", acc))
    master = tmp_path / "master.csv"
    master.write_text(legacy_master_csv(result, acc))
    with open(tidy, newline="") as fh:
        assert next(csv.reader(fh)) == contribution.MEASUREMENT_COLUMNS
    new, notes = checked(tidy, "measurements/host-cpu.csv")
    assert notes == []  # every column read or read past on purpose: no warning
    old, _ = checked(master, "measurements/host-cpu.csv")
    pd.testing.assert_frame_equal(new.reset_index(drop=True), old.reset_index(drop=True))
    # and the values are the sweep's: 6 significant digits, names canonical
    assert new["latency_compute_ms"].tolist() == [0.123457, 3.14159, 20.0]
    assert new["throughput_compute_fps"].tolist() == pytest.approx(
        [16 / 0.123456789e-3, 1 / 3.14159265e-3, 50]
    )
    assert new["op_mode"].astype(str).tolist() == ["threads-2", "threads-1", "threads-1"]
    assert new["pruning_pct"].tolist() == [100.0, 12.5, 100.0]
    # the catalogue's reference accuracy, marked so; CNV 12.5 % INT8 has none: left empty
    assert ("CNV", 12.5, "INT8") not in acc
    assert new["top1_source"].tolist()[::2] == ["reference"] * 2 and pd.isna(new["top1_source"].iloc[1])
    assert new["top1_pct"].tolist()[::2] == [97.31, acc[("MobileNetv1", 100.0, "INT8")][0]] and pd.isna(
        new["top1_pct"].iloc[1]
    )


def test_spread_columns_hold_the_quartiles_and_repetitions(tmp_path):
    frame = pd.read_csv(stdio.StringIO(contribution.measurements_csv(fake_result(), "Host-CPU", accuracy())))
    assert frame["latency_compute_q1_ms"].tolist() == pytest.approx([0.111111, 2.82743, 18.0], rel=1e-6)
    assert frame["repetitions"].tolist() == [7, 7, 7]
    assert frame["power_full_w"].isna().tolist() == [True, False, False]


def test_platform_rows_read_back_by_the_catalogue_reader(tmp_path):
    from qutiflow.readers.platforms import read_platforms

    path = tmp_path / "host_platforms.csv"
    path.write_text(contribution.platforms_csv(fake_result(), "Host-CPU", MACHINE, 25.28, "2026-01-01"))
    vocab = reference.vocabulary(io.read_csv_text(ALIASES, "aliases.csv"))
    table = read_platforms(str(path), "host_platforms.csv", vocab)
    assert len(table) == 4 and set(table["op_mode"].astype(str)) == {"threads-1", "threads-2"}
    assert table["bandwidth_gbps"].tolist() == [12.3457] * 4
    assert table["source"].str.contains("measured by `python -m qutiflow.hostbench`").all()


@pytest.fixture
def stand_in(monkeypatch):
    """The sweep and the machine's description replaced; ``calls`` counts sweeps."""
    calls = []

    def run(plan, log, **kwargs):
        calls.append(plan)
        return fake_result()

    monkeypatch.setattr(command.sweep, "run", run)
    monkeypatch.setattr(command.host, "describe", lambda: dict(MACHINE))
    return calls


def cli_args(raw: Path, *extra: str) -> list[str]:
    return [
        "--raw-data",
        str(raw),
        "--aliases",
        str(ALIASES),
        "--topologies",
        str(CATALOGUE),
        "--quick",
        *extra,
    ]


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_writes_the_three_files_into_an_empty_folder(tmp_path, stand_in):
    (tmp_path / "raw").mkdir()
    assert cli.main(cli_args(tmp_path / "raw", "--receipt", str(tmp_path / "r.json"))) == 0
    assert len(stand_in) == 1
    raw = tmp_path / "raw"
    assert (raw / "measurements/host-cpu.csv").read_text().startswith("topology,pruning_pct,")
    assert (raw / "host_platforms.csv").read_text().startswith("platform,op_mode,")
    assert "python -m qutiflow.hostbench" in (raw / "host.md").read_text()
    assert set(pd.read_json(tmp_path / "r.json", typ="series")["files_sha256"]) == set(
        command.DEFAULT_FILES.values()
    )


def test_refuses_a_git_tracked_file_even_when_deleted(tmp_path, stand_in, capsys):
    raw = tmp_path / "raw"
    (raw / "measurements").mkdir(parents=True)
    (raw / "measurements/host-cpu.csv").write_text("committed\n")
    (raw / "host.md").write_text("committed\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "raw")
    (raw / "host.md").unlink()  # tracked, deleted from the work tree: still committed data
    assert cli.main(cli_args(raw)) == 1
    err = capsys.readouterr().err
    assert f"{raw / 'measurements/host-cpu.csv'}: is tracked by git" in err
    assert f"{raw / 'host.md'}: is tracked by git" in err
    assert "--force" in err and "host_platforms.csv" not in err
    assert stand_in == []  # refused before measuring
    assert (raw / "measurements/host-cpu.csv").read_text() == "committed\n"
    assert not (raw / "host.md").exists() and not (raw / "host_platforms.csv").exists()


def test_refuses_an_existing_untracked_file(tmp_path, stand_in, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "host_platforms.csv").write_text("mine\n")
    assert cli.main(cli_args(raw)) == 1
    err = capsys.readouterr().err
    assert f"{raw / 'host_platforms.csv'}: exists" in err and "--force" in err
    assert stand_in == [] and (raw / "host_platforms.csv").read_text() == "mine\n"
    assert not (raw / "measurements/host-cpu.csv").exists()


def test_force_replaces_tracked_and_existing_files(tmp_path, stand_in):
    raw = tmp_path / "raw"
    (raw / "measurements").mkdir(parents=True)
    for name in command.DEFAULT_FILES.values():
        (raw / name).write_text("old\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "raw/measurements")
    assert cli.main(cli_args(raw, "--force")) == 0
    assert len(stand_in) == 1
    for name in command.DEFAULT_FILES.values():
        assert (raw / name).read_text() != "old\n", name
    assert (raw / "measurements/host-cpu.csv").read_text().startswith("topology,")


def test_threads_replace_the_presets_and_are_checked_against_the_aliases(tmp_path, stand_in, capsys):
    (tmp_path / "raw").mkdir()
    assert cli.main(cli_args(tmp_path / "raw", "--threads", "1", "3")) == 1
    assert "threads-3" in capsys.readouterr().err and stand_in == []
    assert cli.main(cli_args(tmp_path / "raw", "--threads", "4")) == 0
    assert stand_in[0].threads == (4,)


@pytest.mark.parametrize(
    "args",
    [
        ["--threads", "0"],
        ["--measurements", "../out.csv"],
        ["--raw-data", "/nonexistent/folder"],
        ["--bogus"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path, stand_in):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--raw-data", str(tmp_path), *args])
    assert exit_.value.code == 2 and stand_in == []


def test_help_explains_every_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for action in cli.parser()._actions:
        assert action.help and len(action.help) > 10, action.option_strings
        assert action.option_strings[-1] in out
    assert "--force" in out and "tracks" in out


def test_defaults_are_the_configs():
    import yaml

    config = yaml.safe_load((REPO / "config/config.yaml").read_text())
    assert config["measure_host"] == {"platform": command.DEFAULT_PLATFORM, **command.DEFAULT_FILES}


def test_no_function_of_hostbench_is_longer_than_60_lines():
    long = []
    for path in sorted((REPO / "workflow_scripts/qutiflow/hostbench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({length} lines)")
    assert not long, long
