"""Measuring the machine in front of the user: ONNX graphs of the networks defined once in
:mod:`qutiflow.networks` (the catalogue's models, :func:`qutiflow.networks.network_for`),
inference timings in onnxruntime, the host's measured roofline, and the sweep that writes
them as a contribution in the tidy layouts: ``python -m qutiflow.hostbench``
(:mod:`.command`; ``snakemake measure_host`` runs the same code).

Kept apart from the pipeline's modules on purpose: the default run never imports them, so
editing them never reruns the analysis, and measurements never rerun by themselves.
"""
