"""The prose of the site's pages: the introductions of the index, task, theoretical,
raw-measurement and overview pages and the notes shared by all. Plain text (escaped when
rendered by the templates); ``{task}`` stands for the task's name. The captions of the
figures are their caption files (config/artifacts.yaml, :mod:`~qutiflow.site.captions`), the
prose of the fidelity page is in :mod:`~qutiflow.site.fidelity_text`."""

from __future__ import annotations

PAPER = "Blott et al., “QuTiBench: Benchmarking Neural Networks on Heterogeneous Hardware”, arXiv:1909.05009"

INDEX_INTRO = [
    "How fast, how accurately and at what power do small devices classify images with "
    "neural networks? This site compares FPGAs, GPUs, TPUs, VPUs and CPUs running "
    "convolutional and fully connected networks at reduced numerical precision "
    "(quantisation, from 2-bit integers to 32-bit floating point) and with fewer channels "
    "(pruning). Every combination is looked at twice: as predicted from the hardware's "
    "data sheet by a roofline model, and as measured on the device.",
    f"The analysis follows the QuTiBench benchmark ({PAPER}) and is rebuilt from the raw "
    "measurement tables by one reproducible pipeline. Each chart is drawn in the browser "
    "from its specification and carries a provenance note: the pipeline step, the input "
    "files (with their checksums) and the code version that made it.",
]

PAGE_SUMMARIES = {
    "task": "predicted and measured throughput, latency, power and accuracy of the {task} "
    "networks, their pareto fronts and how close the hardware gets to its prediction.",
    "theoretical": "rooflines of every platform with every network, all predictions in one "
    "grid, what each network needs and what each platform offers.",
    "raw_measurements": "every measured row of each task, one table per platform.",
    "overview": "which platform ran which network, at which datatypes, pruning levels and batch sizes.",
    "fidelity": "how close the roofline (level 0) and a layer-wise model (level 1, with and "
    "without calibration) come to every measurement, per platform and batch size.",
}

DOWNLOADS_NOTE = (
    "Each table comes as CSV (for a spreadsheet) and as Parquet (typed, with "
    "the unit of every column in its metadata). Units are also in the column "
    "names: _ms, _fps, _gops (GOP/s), _pct (%), _w (W), _opb (op/B)."
)

TASK_INTRO = {
    "imagenet": "ImageNet (ILSVRC 2012) is the demanding task: 1000 object classes in "
    "full-size photographs. Its networks need billions of operations and millions "
    "of weights per image, so they load both the arithmetic units and the memory "
    "of the small devices tested here.",
    "cifar10": "CIFAR-10 has ten classes of small (32 × 32 pixel) colour images. Its "
    "networks are small and can be quantised hard, down to two bits, which lets "
    "dataflow accelerators keep every weight on chip.",
    "mnist": "MNIST has ten classes of 28 × 28 pixel handwritten digits. A multilayer "
    "perceptron is enough to classify them; with so few operations per image, "
    "moving the weights rather than the arithmetic often sets the limit.",
}

THEORY_INTRO = [
    "Before anything is measured, a roofline model predicts the throughput each platform "
    "can reach on each network. It needs two numbers per platform, its peak arithmetic "
    "performance [TOP/s] and its memory bandwidth [GB/s], and two per network, its "
    "operations per inference [GOP] and the size of its weights.",
    "The model assumes that all weights are read from memory once per inference while the "
    "intermediate results stay on chip. A network's arithmetic intensity is therefore its "
    "operations divided by the bytes of its weights at the datatype used [op/B]. The "
    "attainable performance is the lesser of the peak and bandwidth × intensity; the "
    "predicted throughput [fps] is that performance divided by the operations per "
    "inference. A network below the platform's ridge point (peak ÷ bandwidth) is "
    "memory-bound there, above it compute-bound.",
]

MEASURED_INTRO = [
    "Each configuration, a platform in one operating mode with a datatype, a network and a "
    "pruning level, was run at one or more batch sizes (or thread or stream counts). A run "
    "gives latency, throughput, accuracy and, where it was recorded, power. The charts use "
    "the compute figures: the time spent in the accelerator, without loading and "
    "preprocessing the images.",
]

TABLES_INTRO = (
    "The fronts and the efficiency as tables. A pruning of 100 % is the full "
    "network; 50 % keeps half of the channels."
)

THEORETICAL_TABLES = (
    "The platform catalogue as the rooflines use it (ridge point = peak × "
    "1000 ÷ bandwidth, in op/B) and the network catalogue with the "
    "operations, weights and reference accuracy of each trained model."
)

RAW_INTRO = [
    "Every measured row of each task, after names and units were normalised: one table "
    "per platform (with its operating mode). Units are in the column names (ms, fps, "
    "GOP/s, %, W, GOP); source_file and source_line point to the row in the raw data "
    "or, for a row converted from the original QuTiBench files, to its original file and "
    "line.",
]

OVERVIEW_CELLS = (
    "A cell lists the datatypes, the pruning levels (percent of channels kept) "
    "and the batch sizes that were measured; a dash marks a combination that "
    "was not measured, often because the vendor's tools do not support that "
    "network or datatype."
)

OVERVIEW_INTRO = [
    "For each task, a grid of platforms (rows, with operating mode) and networks "
    "(columns), generated from the measurements. " + OVERVIEW_CELLS,
    "INTx is an x-bit integer format, FPy a y-bit floating-point format (FP32 is single precision).",
]

TASK_OVERVIEW = (
    "The platforms (rows, with operating mode) and networks (columns) of this "
    "task, generated from the measurements. " + OVERVIEW_CELLS
)

EMPTY_TASK = (
    "There are no measurements for this task in the data: each measured chart below says so in its place."
)

EMPTY_CHART = (
    "Nothing to draw: the data of this run has no rows for this chart (for example no power readings)."
)
