"""The prose of the fidelity page (how close the models' predictions come to the
measurements): the models, the anchor rule, the scores and the downloads, and the link to it
from each task page. Plain text (escaped when rendered)."""

from __future__ import annotations

FIDELITY_INTRO = [
    "How good are the predictions? This page sets three models against every measured "
    "throughput. All three predict from the platform catalogue and the networks alone; "
    "only the calibrated one also reads two measurements per platform, and those two are "
    "never scored.",
]

#: (name, explanation) of each model, in the order of the charts
FIDELITY_MODELS = [
    (
        "Level 0: the QuTiBench roofline",
        "The model of the theoretical pages: one number per network and platform, the lesser "
        "of peak performance and memory bandwidth × arithmetic intensity, divided by the "
        "operations per inference. It assumes that every weight is read from memory for every "
        "inference and that nothing else costs time; it does not depend on the batch size.",
    ),
    (
        "Level 1: layer by layer, physics only",
        "The network is walked layer by layer. Each layer takes the time of its slowest "
        "resource: the arithmetic (with the layer's channels rounded up to the platform's "
        "array, where its shape is public) or the traffic off chip. Weights are kept on chip "
        "in layer order while they fit and the rest are streamed from memory, or over the "
        "host link (USB, PCIe) on a device without memory of its own; a runtime that runs a "
        "batch layer by layer reads streamed weights once per batch; activations that do not "
        "fit on chip spill to memory. It uses the datasheet peak and no measured number.",
    ),
    (
        "Level 1 calibrated",
        "Level 1 with two numbers per platform fitted to measurements: the share of the "
        "datasheet peak that is sustained (at most 100 %) and a fixed time per layer and "
        "batch. They are fitted on the platform's anchors only.",
    ),
]

FIDELITY_ANCHORS = (
    "The anchor rule is fixed and reads no score: per platform, among its measured "
    "configurations at their best batch that have a level-1 prediction, the one with the "
    "most operations per inference and the one with the fewest. Anchors are left out of "
    "every score, for all three models, so the calibrated model is judged only on "
    "configurations it has not seen. A platform with only two configurations has nothing "
    "left to score."
)

FIDELITY_SCORES = (
    "The error of one prediction is |log10(measured ÷ predicted)|: 0 is exact, 0.301 a "
    "factor of two either way. Median error is shown as the factor and, in brackets, as "
    "that value; within ±25 % and within ×2 are the shares of configurations predicted that "
    "closely; the rank correlation (Spearman) says whether a model orders a platform's "
    "configurations as the measurements do (1: the same order; averaged over platforms). "
    "Each configuration counts at its best measured batch; the last table scores every "
    "measured batch."
)

FIDELITY_DOWNLOADS = (
    "fidelity_predictions_vs_measured holds one row per measured configuration, batch and "
    "model (predicted_fps is empty where a model has no prediction; is_anchor marks the "
    "anchors); fidelity_summary the scores per model, scope (best_batch or all_batches) "
    "and platform."
)

FIDELITY_UNSCORED = "Not in the tables, nothing scored (anchors only, or no prediction): "

#: from each task page to the fidelity page: (before the link, after it)
FIDELITY_LINK = (
    "How close these level-0 predictions come to the measurements, and how a "
    "layer-wise model does, is on the page ",
    ".",
)
