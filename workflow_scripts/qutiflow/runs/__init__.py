"""A run as a whole, read from its provenance records: the Workflow Run RO-Crate
(:mod:`.crate`), what changed between two runs (:mod:`.diff`, :mod:`.rows`, :mod:`.report`)
and the offline validation of a crate (:mod:`.validate`).

Only the crate job imports them (rules/common.smk ``code_of``), so editing these reruns
only that job.
"""
