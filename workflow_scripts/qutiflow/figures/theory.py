"""What the charts of the theoretical analysis share: the subtitles that name the model
they show (level 0).

The charts themselves: :mod:`.theory_roofline` (the roofline), :mod:`.theory_heatmap`
(the prediction heatmap), :mod:`.theory_pareto` (the theoretical pareto front) and
:mod:`.theory_requirements` (network requirements and platform peaks). Builders take tidy
frames, return Altair charts."""

from __future__ import annotations

#: the subtitles that say which model these charts show (the fidelity page compares it
#: with level 1); the titles stay those of the original site
LEVEL0_MODEL = "Level 0 model (QuTiBench roofline)"
LEVEL0_PREDICTION = "Level 0 prediction (QuTiBench roofline)"
