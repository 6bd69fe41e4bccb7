"""Tera: SPBE / Pemerintah Digital evaluation platform."""
