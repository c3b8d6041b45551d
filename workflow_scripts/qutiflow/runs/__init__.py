"""A run as a whole, read from its provenance records: the Workflow Run RO-Crate
(:mod:`.crate`), what changed between two runs (:mod:`.diff`, :mod:`.rows`, :mod:`.report`)
and the offline validation of a crate (:mod:`.validate`).

Kept out of the modules every rule declares as code (``library_code`` globs the package's
top level), so editing these reruns only the crate job.
"""
