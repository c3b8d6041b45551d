"""The measurement sweep of this machine: networks × datatypes × batch sizes × threads.

A :class:`Plan` says what to measure; :func:`run` measures it with a progress bar (what is
being measured, how many points are left, and tqdm's estimate of the time left) and
returns one :class:`Point` per timing plus the host's measured roofline per thread count.
The networks are the catalogue's (:func:`qutiflow.networks.network_for`: ResNet-50 80, 50
and 30 % at the uniform widths whose op counts match the catalogue's). Two presets:
``default`` (every network and pruning of the catalogue but EfficientNet; about 10 minutes
on a 2-core machine) and ``quick`` (a few small models, short budgets; what tests use).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field

from ..networks import count_ops, network_for
from . import host, inference, power

IMAGENET_BATCHES = (1, 2, 4, 8)
CIFAR_BATCHES = (1, 4, 16, 64)
MNIST_BATCHES = (1, 16, 64, 256)
BATCHES = {
    "ResNet-50": IMAGENET_BATCHES,
    "ResNet-50v15": IMAGENET_BATCHES,
    "GoogLeNetv1": IMAGENET_BATCHES,
    "MobileNetv1": IMAGENET_BATCHES,
    "CNV": CIFAR_BATCHES,
    "MLP": MNIST_BATCHES,
}


@dataclass(frozen=True)
class RooflineSettings:
    """Sizes and budgets of the micro-benchmarks (see :mod:`qutiflow.hostbench.host`)."""

    triad_array_mb: float = 256.0
    #: square sizes of the matrix products; the peak is the best over them (one size alone
    #: was seen to under-read the 2-thread FP32 peak by a third on this machine)
    matmul_sizes: tuple[int, ...] = (512, 1024, 2048)
    budget_s: float = 2.0


@dataclass(frozen=True)
class Plan:
    """What to measure. ``models`` are (canonical topology, pruning %) pairs; ``batches``
    maps a topology to its batch sizes; ``threads`` are onnxruntime intra-op thread counts."""

    name: str
    models: tuple[tuple[str, float], ...]
    datatypes: tuple[str, ...]
    batches: dict[str, tuple[int, ...]]
    threads: tuple[int, ...]
    budget_s: float
    max_repeats: int
    roofline: RooflineSettings = field(default_factory=RooflineSettings)

    @property
    def size(self) -> int:
        """Number of timings (points) the plan makes."""
        return sum(len(self.batches[t]) for t, _ in self.models) * len(self.datatypes) * len(self.threads)


def thread_counts(cores: int | None = None) -> tuple[int, ...]:
    """Powers of two up to the number of logical cores, and the core count itself.

    >>> thread_counts(2), thread_counts(6), thread_counts(1)
    ((1, 2), (1, 2, 4, 6), (1,))
    """
    cores = max(1, cores or os.cpu_count() or 1)
    counts = {1 << i for i in range(cores.bit_length()) if 1 << i <= cores} | {cores}
    return tuple(sorted(counts))


def preset(name: str, *, cores: int | None = None) -> Plan:
    """The ``default`` or ``quick`` plan for a machine with ``cores`` logical cores."""
    threads = thread_counts(cores)
    if name == "default":
        models = (
            ("ResNet-50", 100.0),
            ("ResNet-50", 80.0),
            ("ResNet-50", 50.0),
            ("ResNet-50", 30.0),
            ("ResNet-50v15", 100.0),
            ("GoogLeNetv1", 100.0),
            ("MobileNetv1", 100.0),
            ("CNV", 100.0),
            ("CNV", 50.0),
            ("CNV", 25.0),
            ("CNV", 12.5),
            ("MLP", 100.0),
            ("MLP", 50.0),
            ("MLP", 25.0),
            ("MLP", 12.5),
        )
        return Plan("default", models, ("FP32", "INT8"), BATCHES, threads, budget_s=1.0, max_repeats=200)
    if name == "quick":
        models = (("MobileNetv1", 100.0), ("CNV", 100.0), ("CNV", 12.5), ("MLP", 100.0), ("MLP", 12.5))
        batches = {"MobileNetv1": (1,), "CNV": (1, 4), "MLP": (1, 16)}
        return Plan(
            "quick",
            models,
            ("FP32", "INT8"),
            batches,
            (threads[0], threads[-1]) if len(threads) > 1 else threads,
            budget_s=0.05,
            max_repeats=20,
            roofline=RooflineSettings(triad_array_mb=64.0, matmul_sizes=(256, 512), budget_s=0.2),
        )
    raise ValueError(f"unknown sweep preset {name!r}: use 'default' or 'quick'")


@dataclass(frozen=True)
class Point(inference.Result):
    """One timing of the sweep: an inference result, the package power while it ran
    (None without RAPL) and the operations of the network actually measured."""

    power_w: float | None
    gop_per_inference: float  # 2 ops per multiply-accumulate


@dataclass(frozen=True)
class HostRoofline:
    """Measured peak per datatype and triad bandwidth, at one thread count."""

    threads: int
    bandwidth_gbps: float
    peak_tops: dict[str, float]


@dataclass
class SweepResult:
    plan: Plan
    points: list[Point]
    rooflines: list[HostRoofline]
    idle_power_w: float | None
    seconds: float


def measure_rooflines(plan: Plan, log: logging.Logger) -> list[HostRoofline]:
    """Triad bandwidth and onnxruntime matrix-product peaks at every thread count."""
    s = plan.roofline
    out = []
    for threads in plan.threads:
        gbps, _ = host.triad_bandwidth_gbps(array_mb=s.triad_array_mb, threads=threads, budget_s=s.budget_s)
        peaks = {
            dt: max(
                host.matmul_ort_tops(dt, n=n, threads=threads, budget_s=s.budget_s)[0] for n in s.matmul_sizes
            )
            for dt in plan.datatypes
        }
        log.info(
            "roofline, %d thread(s): triad %.2f GB/s; %s",
            threads,
            gbps,
            ", ".join(f"{dt} {v:.4f} TOP/s" for dt, v in peaks.items()),
        )
        out.append(HostRoofline(threads, gbps, peaks))
    return out


def run(
    plan: Plan, log: logging.Logger, *, progress: bool = True, meter: power.EnergyMeter | None = None
) -> SweepResult:
    """Measure every point of ``plan``; log one line per point."""
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    start = time.perf_counter()
    meter = meter or power.EnergyMeter()
    log.info(
        "sweep %r: %d models x %d datatypes, threads %s: %d timings; power: %s",
        plan.name,
        len(plan.models),
        len(plan.datatypes),
        list(plan.threads),
        plan.size,
        "RAPL" if meter.available else "not readable here (left empty)",
    )
    idle = power.idle_power_w(meter)
    points: list[Point] = []
    with (
        logging_redirect_tqdm(loggers=[log]),
        tqdm(
            total=plan.size, unit="timing", disable=not progress, mininterval=1.0, dynamic_ncols=True
        ) as bar,
    ):
        bar.set_description("roofline", refresh=False)
        rooflines = measure_rooflines(plan, log)
        for topology, pruning in plan.models:
            points += measure_model(plan, topology, pruning, log, bar=bar, meter=meter)
    seconds = time.perf_counter() - start
    log.info("sweep done: %d timings in %.1f s", len(points), seconds)
    return SweepResult(plan, points, rooflines, idle, seconds)


def measure_model(
    plan: Plan, topology: str, pruning: float, log: logging.Logger, *, bar, meter: power.EnergyMeter
) -> list[Point]:
    """Every point of one network of ``plan``: its datatypes × thread counts × batch sizes,
    one log line and one step of the progress ``bar`` each."""
    spec = network_for(topology, pruning)
    gop = count_ops(spec) / 1e9
    points = []
    for datatype in plan.datatypes:
        label = f"{topology} {pruning:g}% {datatype}"
        bar.set_description(label + " (building)", refresh=False)
        model = inference.model_bytes(spec, datatype)
        for threads in plan.threads:
            for batch in plan.batches[topology]:
                bar.set_description(f"{label} b{batch} t{threads}", refresh=False)
                meter.start()
                timing = inference.time_inference(
                    model,
                    spec,
                    batch=batch,
                    threads=threads,
                    budget_s=plan.budget_s,
                    max_repeats=plan.max_repeats,
                )
                point = Point(topology, pruning, datatype, batch, threads, timing, meter.stop(), gop)
                points.append(point)
                log.info(
                    "%s batch %d threads %d: %.4g ms (q1 %.4g, q3 %.4g, %d runs), %.5g fps",
                    label,
                    batch,
                    threads,
                    point.latency_ms,
                    timing.q1_s * 1e3,
                    timing.q3_s * 1e3,
                    timing.repeats,
                    point.throughput_fps,
                )
                bar.update(1)
    return points
