"""The period workbook's layout, shared by the writer and the importer so that they never drift.

Sheet names and column titles are the workbook's file format, like the columns of a CSV: they
follow the national lembar kerja in Indonesian and are not translated, so that a workbook made in
one language imports in the other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from tera.evidence.models import Document

FORMAT = "tera-lembar-kerja"
FORMAT_VERSION = "1"

WORKSHEET = "Lembar Kerja"
OPD_SHEET = "OPD"
GUIDE_SHEET = "Petunjuk"
META_SHEET = "_tera"


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    wrap: bool = False
    hidden: bool = False
    editable: bool = False


KEY = Column("Kunci", 8, hidden=True)
NUMBER = Column("No.", 6)
INDICATOR = Column("Indikator", 48, wrap=True)
LEVEL = Column("Tingkat", 9, editable=True)
FAKTA = Column("Penjelasan FAKTA", 60, wrap=True, editable=True)
ANALISIS = Column("Penjelasan ANALISIS", 60, wrap=True, editable=True)
EVIDENCE = Column("Data dukung", 56, wrap=True, editable=True)
STATUS = Column("Status", 16)
REVIEWER_LEVEL = Column("Tingkat reviu", 10)
OPD = Column("OPD penanggung jawab", 30, wrap=True)
# What the row held when the workbook was made, so that the importer tells a row someone edited
# from a row that is only older than the database: the answer's version, a fingerprint of its
# level and explanation, and the documents cited.
VERSION = Column("Versi", 8, hidden=True)
FINGERPRINT = Column("Sidik", 8, hidden=True)
CITED = Column("Dikutip", 8, hidden=True)

WORKSHEET_COLUMNS = (
    KEY,
    NUMBER,
    INDICATOR,
    LEVEL,
    FAKTA,
    ANALISIS,
    EVIDENCE,
    STATUS,
    REVIEWER_LEVEL,
    OPD,
    VERSION,
    FINGERPRINT,
    CITED,
)
# The importer needs these; "Kunci" may be replaced by "No." when someone deleted the hidden one.
REQUIRED_COLUMNS = (LEVEL, FAKTA, ANALISIS, EVIDENCE)

OPD_COLUMNS = (
    Column("No.", 6),
    Column("Indikator", 40, wrap=True),
    Column("OPD", 30, wrap=True),
    Column("Utama", 8),
    Column("Tingkat usulan", 10),
    Column("Penjelasan FAKTA", 60, wrap=True),
    Column("Penjelasan ANALISIS", 60, wrap=True),
    Column("Status", 14),
)

# Excel runs a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@")
CITATION = re.compile(r"^\s*\[(\d+)\]")
SEPARATOR = " · "


def sheet_text(text: str) -> str:
    """The text as a cell keeps it: line ends as \\n, and no control character XML refuses.

    The importer compares cells with the database through this same function, so that a cell
    nobody edited never counts as a change.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def put_text(cell: Cell, text: str) -> None:
    """Write text that Excel shows as text, never runs as a formula, and gives back unchanged."""
    value = sheet_text(text)
    cell.value = value or None
    if value:
        cell.data_type = "s"
        cell.quotePrefix = value.startswith(FORMULA_STARTS)


def fingerprint(level: int | None, fakta: str, analisis: str) -> str:
    """A short digest of the answer's fields as a cell shows them."""
    text = "\x1f".join(
        ["" if level is None else str(level), *(sheet_text(t).strip() for t in (fakta, analisis))]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def id_list(ids: Iterable[int]) -> str:
    return ",".join(str(pk) for pk in ids)


def citation_line(document: Document, file_name: str) -> str:
    """[id] title · number · date · file name or URL: the id is what the importer reads."""
    parts = [document.title, document.number, _date(document.issued_on), document.url or file_name]
    text = SEPARATOR.join(" ".join(part.split()) for part in parts if part)
    return f"[{document.pk}] {text}"


def _date(day: date | None) -> str:
    return "" if day is None else f"{day:%d-%m-%Y}"
