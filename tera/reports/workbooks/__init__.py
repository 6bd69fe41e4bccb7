"""The period workbook (lembar kerja): writing it, importing it back, and the jobs that do both."""
