"""Readers of the input formats; each returns text cells under the library's column names."""
