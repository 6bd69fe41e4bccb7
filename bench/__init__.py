"""Benchmarks for Tera (`make bench`)."""
