"""Provenance: which inputs, parameters and code made each artifact.

One module per concern, imported by name (this file imports none of them, so a job
depends only on the modules it uses; see qutiflow/codedeps.py):

* :mod:`.files`: logical paths (``results/…``, ``raw_data/…``, repository-relative) and
  file hashes;
* :mod:`.record`: build a job's record before it runs (its id) and write it after;
* :mod:`.snakemake_job`: the same for a job given as its Snakemake ``snakemake`` object;
* :mod:`.store`: read the records of a results folder back;
* :mod:`.tagging`: the record id inside SVG and PNG figure files.

Everything here imports only the standard library (the Vega bundle job uses it and must
start fast).
"""
