"""The caption of each figure of the site: what it shows, how it was computed, what to
look for (its heading is the artifact catalogue's); and the notes of the figures of the
page of all tasks. Plain text (escaped when rendered); ``{task}`` stands for the task's name."""

from __future__ import annotations

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

ALL_ROOFLINE_EXTRA = (
    "Here the vertical lines cover the networks of every task; the "
    "task pages show the same platforms with their own networks only."
)
ALL_HEATMAP_EXTRA = (
    "All tasks in one grid; the task pages show the same predictions "
    "split by task, and their downloads hold the numbers."
)
