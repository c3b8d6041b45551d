"""The prose of the site: what each page and chart shows, how it was computed, what to
look for. Plain text (escaped when rendered); ``{task}`` stands for the task's name."""
from __future__ import annotations

PAPER = ("Blott et al., “QuTiBench: Benchmarking Neural Networks on Heterogeneous Hardware”, "
         "arXiv:1909.05009")

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
    "overview": "which platform ran which network, at which datatypes, pruning levels and "
                "batch sizes.",
    "fidelity": "how close the roofline (level 0) and a layer-wise model (level 1, with and "
                "without calibration) come to every measurement, per platform and batch size.",
}

DOWNLOADS_NOTE = ("Each table comes as CSV (for a spreadsheet) and as Parquet (typed, with "
                  "the unit of every column in its metadata). Units are also in the column "
                  "names: _ms, _fps, _gops (GOP/s), _pct (%), _w (W), _opb (op/B).")

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

TABLES_INTRO = ("The fronts and the efficiency as tables. A pruning of 100 % is the full "
                "network; 50 % keeps half of the channels.")

#: per figure name: what it shows (its heading is in the artifact catalogue,
#: config/artifacts.yaml; a figure without words here has its heading and chart only)
FIGURES: dict[str, list[str]] = {
    "roofline": [
        "Each coloured line is one platform in one operating mode at one datatype, on "
        "logarithmic axes: the rising part is the memory roof (bandwidth × intensity), the "
        "flat part the compute roof (peak performance). Each grey vertical line is a network "
        "of {task} at its arithmetic intensity, labelled above the plot; line style marks "
        "the datatype.",
        "Where a network's vertical line meets a platform's roof is the performance the "
        "model allows it. Networks left of a platform's bend are limited by memory there, "
        "networks right of it by arithmetic. The check boxes hide and restore hardware "
        "families and datatypes.",
    ],
    "prediction_heatmap": [
        "The predicted throughput [fps] of every platform (rows) with every trained model "
        "of the same datatype (columns): attainable performance ÷ operations per "
        "inference. Colours are on a logarithmic scale; an empty cell means there is no "
        "model of that platform's datatype.",
        "Look for the effect of quantisation and pruning: fewer bits per weight raise the "
        "intensity of memory-bound networks, fewer channels cut the operations, and both "
        "raise the prediction.",
    ],
    "pareto_theoretical": [
        "Every prediction plotted against the reference top-1 accuracy of the trained "
        "model. The orange line joins the pareto-optimal points: for each of them no other "
        "point is both at least as fast and at least as accurate (and better in one). "
        "Points below and left of the line are dominated. Points that coincide (platforms "
        "of equal bandwidth on a memory-bound network) are drawn as rings around each "
        "other.",
    ],
    "latency_throughput": [
        "A panel per network (topology and pruning), in it one line per configuration "
        "through its batch sizes, compute latency against compute throughput on "
        "logarithmic axes shared by all panels; colour marks the platform, point shape and "
        "line dash the datatype. Repeated runs of one batch size are drawn as their median. "
        "Larger batches usually buy throughput with latency: a line that climbs steeply "
        "gains throughput cheaply, a flat one does not.",
        "Click a platform in the legend to highlight its lines (shift-click to add more); "
        "shift-click the entry again, or double-click the plot, to show all.",
    ],
    "boxplot_latency": [
        "One panel per network, so that a box never mixes networks; in it a group per "
        "platform and datatype with one box per pruning level, over all batch sizes and "
        "runs: the whisker spans minimum to maximum, the box the middle half of the values "
        "(first to third quartile), the black tick is the median. All panels share one "
        "logarithmic axis. Pruning should shorten the compute latency; how much depends on "
        "whether the platform can turn fewer channels into less work.",
    ],
    "boxplot_throughput": [
        "The same layout for compute throughput [fps]: a box per pruning level, whiskers "
        "from minimum to maximum, the median as a black tick. Wide boxes come from a wide "
        "sweep of batch sizes.",
    ],
    "boxplot_power": [
        "The same layout for the power drawn under load [W], where it was recorded. "
        "Platforms without power readings have no box.",
    ],
    "design_pareto": [
        "Each point is one configuration at its best batch size (the highest measured "
        "compute throughput), plotted against its top-1 accuracy; colour marks the "
        "platform, shape the datatype. The blue line is the measured pareto front: a "
        "configuration is on it when no other one is at least as fast and at least as "
        "accurate, and better in one of the two. Configurations without an accuracy are "
        "left out.",
        "The front shows which platform and quantisation to choose for a required "
        "accuracy or a required frame rate.",
    ],
    "overlapped_pareto": [
        "The configurations that have both a measurement and a prediction: measured "
        "points are crosses, predicted ones circles, coloured by platform. The blue line "
        "is the measured front, the orange one the predicted front. The horizontal gap "
        "between the two lines is how far the hardware stays below what its roofline "
        "allows. The check boxes hide and restore hardware families.",
    ],
    "efficiency": [
        "Three bars per configuration on a logarithmic axis: the roofline prediction "
        "(orange), the best measured throughput over batch sizes (blue) and the "
        "theoretical peak (grey: peak performance ÷ operations per inference, the compute "
        "roof alone). The label is the efficiency, measured ÷ predicted × 100 %.",
        "Efficiency above 100 % means the device beat the prediction; the model's "
        "assumption that every weight is read from memory for every inference is then too "
        "pessimistic, for example when weights stay on chip or are shared across a batch.",
    ],
    "power_bars": [
        "Mean power under load [W] per configuration, over its batch sizes.",
    ],
    "energy_per_inference": [
        "Energy per classified image [mJ]: power ÷ throughput × 1000 for each measured row, "
        "averaged over batch sizes. Lower is better; it rewards devices that are fast "
        "for their power. When the values span more than a factor of 100 the axis is "
        "logarithmic, so that the smallest bars stay visible.",
    ],
    "fps_per_watt": [
        "Images per second per watt [fps/W]: throughput ÷ power for each measured row, "
        "averaged over batch sizes. Higher is better; it is the inverse view of the "
        "energy per inference (and, like it, on a logarithmic axis when the values span more "
        "than a factor of 100).",
    ],
    "power_over_time": [
        "Power drawn by the Edge TPU over time while it runs each network, and at idle, in "
        "its two clock modes. In a series whose spread is at least 0.2 W, samples more "
        "than nine standard deviations from the series mean are dropped as glitches "
        "(the pipeline's log lists each one).",
    ],
    "fidelity_scatter": [
        "One panel per model, both axes logarithmic: each measured configuration at its "
        "best measured batch (the highest measured throughput), its measured throughput "
        "across, the model's prediction up. Points on the dashed line are predicted "
        "exactly; inside the grey band they are within a factor of two. Points above the "
        "line are over-predicted: the hardware stays below what the model allows.",
        "Colour marks the platform, shape its hardware family. Ringed points are the "
        "anchors the calibrated model was fitted on; they are drawn in every panel but "
        "scored in none. A configuration without a prediction from a model has no point "
        "in its panel. Hover over a point for the configuration, both throughputs and what "
        "binds the prediction (compute, memory, the host link or, calibrated, the per-layer "
        "overhead).",
    ],
    "fidelity_error": [
        "For each platform and model, the median error over its scored configurations "
        "(anchors left out), each at its best measured batch. The error of one "
        "configuration is |log10(measured ÷ predicted)|; the axis shows it as the factor "
        "between the two (×2: predicted twice or half the measured throughput). The dot is "
        "the median, the faint line reaches the 90th percentile. The top row is over all "
        "platforms; the table below gives the numbers.",
    ],
    "fidelity_batches": [
        "How throughput grows with the batch size, measured (solid lines with dots) and "
        "as level 1 calibrated predicts it (dashed), one panel per platform measured at "
        "more than one batch size. To keep the panels readable each network is shown once "
        "per platform, in the op mode and datatype where it ran fastest; the scatter above "
        "and the downloads hold every configuration.",
        "Level 1 expects a batch to help where streamed weights can be reused across its "
        "samples. A dashed line that keeps rising while the solid one is flat means the "
        "runtime does not reuse weights as the model assumes; a flat dashed line under a "
        "rising solid one means the device hides a cost the model charges per sample.",
    ],
    "requirements": [
        "Operations per inference [GOP] and model size [millions of weights] of every "
        "network and pruning level, on logarithmic axes. The two together set a "
        "network's arithmetic intensity once the datatype fixes the bytes per weight.",
    ],
    "platforms": [
        "Peak performance [TOP/s] per datatype and memory bandwidth [GB/s] of every "
        "platform, in two charts because the units differ. Their ratio is the ridge "
        "point of each roofline.",
    ],
}

ALL_ROOFLINE_EXTRA = ("Here the vertical lines cover the networks of every task; the "
                      "task pages show the same platforms with their own networks only.")
ALL_HEATMAP_EXTRA = ("All tasks in one grid; the task pages show the same predictions "
                     "split by task, and their downloads hold the numbers.")

THEORETICAL_TABLES = ("The platform catalogue as the rooflines use it (ridge point = peak × "
                      "1000 ÷ bandwidth, in op/B) and the network catalogue with the "
                      "operations, weights and reference accuracy of each trained model.")

RAW_INTRO = [
    "Every measured row of each task, after names and units were normalised: one table "
    "per platform (with its operating mode). Units are in the column names (ms, fps, "
    "GOP/s, %, W, GOP); source_file and source_line point to the row in the raw data "
    "or, for a row converted from the original QuTiBench files, to its original file and "
    "line.",
]

OVERVIEW_CELLS = ("A cell lists the datatypes, the pruning levels (percent of channels kept) "
                  "and the batch sizes that were measured; a dash marks a combination that "
                  "was not measured, often because the vendor's tools do not support that "
                  "network or datatype.")

OVERVIEW_INTRO = [
    "For each task, a grid of platforms (rows, with operating mode) and networks "
    "(columns), generated from the measurements. " + OVERVIEW_CELLS,
    "INTx is an x-bit integer format, FPy a y-bit floating-point format (FP32 is single "
    "precision).",
]

TASK_OVERVIEW = ("The platforms (rows, with operating mode) and networks (columns) of this "
                 "task, generated from the measurements. " + OVERVIEW_CELLS)

FIDELITY_INTRO = [
    "How good are the predictions? This page sets three models against every measured "
    "throughput. All three predict from the platform catalogue and the networks alone; "
    "only the calibrated one also reads two measurements per platform, and those two are "
    "never scored.",
]

#: (name, explanation) of each model, in the order of the charts
FIDELITY_MODELS = [
    ("Level 0: the QuTiBench roofline",
     "The model of the theoretical pages: one number per network and platform, the lesser "
     "of peak performance and memory bandwidth × arithmetic intensity, divided by the "
     "operations per inference. It assumes that every weight is read from memory for every "
     "inference and that nothing else costs time; it does not depend on the batch size."),
    ("Level 1: layer by layer, physics only",
     "The network is walked layer by layer. Each layer takes the time of its slowest "
     "resource: the arithmetic (with the layer's channels rounded up to the platform's "
     "array, where its shape is public) or the traffic off chip. Weights are kept on chip "
     "in layer order while they fit and the rest are streamed from memory, or over the "
     "host link (USB, PCIe) on a device without memory of its own; a runtime that runs a "
     "batch layer by layer reads streamed weights once per batch; activations that do not "
     "fit on chip spill to memory. It uses the datasheet peak and no measured number."),
    ("Level 1 calibrated",
     "Level 1 with two numbers per platform fitted to measurements: the share of the "
     "datasheet peak that is sustained (at most 100 %) and a fixed time per layer and "
     "batch. They are fitted on the platform's anchors only."),
]

FIDELITY_ANCHORS = (
    "The anchor rule is fixed and reads no score: per platform, among its measured "
    "configurations at their best batch that have a level-1 prediction, the one with the "
    "most operations per inference and the one with the fewest. Anchors are left out of "
    "every score, for all three models, so the calibrated model is judged only on "
    "configurations it has not seen. A platform with only two configurations has nothing "
    "left to score.")

FIDELITY_SCORES = (
    "The error of one prediction is |log10(measured ÷ predicted)|: 0 is exact, 0.301 a "
    "factor of two either way. Median error is shown as the factor and, in brackets, as "
    "that value; within ±25 % and within ×2 are the shares of configurations predicted that "
    "closely; the rank correlation (Spearman) says whether a model orders a platform's "
    "configurations as the measurements do (1: the same order; averaged over platforms). "
    "Each configuration counts at its best measured batch; the last table scores every "
    "measured batch.")

FIDELITY_DOWNLOADS = (
    "fidelity_predictions_vs_measured holds one row per measured configuration, batch and "
    "model (predicted_fps is empty where a model has no prediction; is_anchor marks the "
    "anchors); fidelity_summary the scores per model, scope (best_batch or all_batches) "
    "and platform.")

FIDELITY_UNSCORED = "Not in the tables, nothing scored (anchors only, or no prediction): "

#: from each task page to the fidelity page: (before the link, after it)
FIDELITY_LINK = ("How close these level-0 predictions come to the measurements, and how a "
                 "layer-wise model does, is on the page ", ".")

EMPTY_TASK = ("There are no measurements for this task in the data: each measured chart "
              "below says so in its place.")

NO_PROVENANCE = "no provenance record"

EMPTY_CHART = ("Nothing to draw: the data of this run has no rows for this chart (for "
               "example no power readings).")
