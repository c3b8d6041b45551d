"""Unit tests (a package, so that a test module may import another's data or helpers,
e.g. ``from .test_site_charts import RECORD``)."""
