"""The report pages and downloads, one module per kind of report."""
