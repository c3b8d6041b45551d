"""The static website ``{results}/site/``: pure functions that turn figure specs, tables and
provenance records into HTML pages (the entry script ``build_site.py`` reads and writes).

Modules: ``contents`` (which pages exist, with their figures and downloads from the
artifact catalogue, qutiflow.artifacts), ``text`` (the prose of the pages), ``figure_text``
(what each figure shows; its heading is the catalogue's), ``fidelity_text`` (the prose of the
fidelity page), ``escape`` (HTML text and JSON inside scripts), ``layout`` (page template and
navigation), ``charts`` (an embedded figure with its provenance), ``html_tables`` (tables),
``downloads`` (CSV of a table, download links), ``scores`` (the prediction-fidelity scores
as display tables), ``changes`` (what changed since the previous publication), ``style``
(the stylesheet), ``page_parts`` (what every page is made of: its inputs, a figure's
section, the data section, the page frame), ``task_page``, ``theory_pages`` (theoretical
and prediction fidelity), ``data_pages`` (raw measurements, overview) and ``pages`` (the
home page, and every page rendered).
Nothing here imports pandas or Altair at module level except the pages (``page_parts``,
``task_page``, ``theory_pages``, ``data_pages``, ``pages``), ``html_tables`` and ``scores``
(pandas), so the site job starts fast.
"""
