"""The static website ``{results}/site/``: pure functions that turn figure specs, tables and
provenance records into HTML pages (the entry script ``build_site.py`` reads and writes).

The HTML is in Jinja2 templates (``templates/*.html.j2``: ``page`` the frame of every page,
``parts`` the macros for tables, figures, provenance notes and downloads, one template per
page), which escape every value; the modules hand them plain values. ``render`` (the
templates' environment, and :func:`~qutiflow.site.render.trusted`, the one place where text
enters a page unescaped), ``contents`` (which pages exist, with their figures and downloads
from the artifact catalogue, qutiflow.artifacts), ``text`` (the prose of the pages),
``captions`` (a figure's caption file as HTML: the report's text), ``fidelity_text`` (the
prose of the fidelity page), ``layout`` (what every page shares: navigation, element ids),
``charts`` (an embedded figure with its provenance), ``html_tables`` (tables),
``downloads`` (CSV of a table), ``scores`` (the prediction-fidelity scores as display
tables), ``changes`` (what changed since the previous publication), ``style`` (the
stylesheet), ``page_parts`` (what every page is made of: its inputs, a figure's section, the
data section), ``task_page``, ``theory_pages`` (theoretical and prediction fidelity),
``data_pages`` (raw measurements, overview) and ``pages`` (the home page, and every page
rendered). Nothing here imports pandas or Altair at module level except the pages
(``page_parts``, ``task_page``, ``theory_pages``, ``data_pages``, ``pages``),
``html_tables`` and ``scores`` (pandas), nor docutils but when a caption is rendered, so the
site job starts fast.
"""
