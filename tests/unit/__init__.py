"""Unit tests (a package, so that test_site.py may share its name with tests/workflow/test_site.py)."""
