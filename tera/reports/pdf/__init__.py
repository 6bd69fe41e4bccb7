"""PDF documents made with WeasyPrint: the leadership report, the Berita Acara, the comparison."""
