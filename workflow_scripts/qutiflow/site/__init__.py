"""The static website ``{results}/site/``: pure functions that turn figure specs, tables and
provenance records into HTML pages (the entry script ``build_site.py`` reads and writes).

Modules: ``contents`` (which pages, figures and downloads exist), ``text`` (the prose of
the pages), ``figure_text`` (the caption of each figure), ``fidelity_text`` (the prose of the
fidelity page), ``escape`` (HTML text and JSON inside scripts), ``layout`` (page template and
navigation), ``charts`` (an embedded figure with its provenance), ``html_tables`` (tables),
``downloads`` (CSV of a table, download links), ``scores`` (the prediction-fidelity scores
as display tables), ``changes`` (what changed since the previous publication), ``style``
(the stylesheet) and ``pages`` (each page put together).
Nothing here imports pandas or Altair at module level except ``pages``, ``html_tables``
and ``scores`` (pandas), so the site job starts fast.
"""
