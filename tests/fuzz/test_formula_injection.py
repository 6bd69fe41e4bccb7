"""Text a spreadsheet would run as a formula (= + - @, a tab before =, HYPERLINK, a DDE call),
brought in through the importers, comes back out of every exported sheet as inert text: never
a formula cell in a workbook, always behind an apostrophe in a CSV."""

import csv
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tera.assessments.actions import assign_opd
from tera.evidence.actions import add_document, link_document
from tera.organizations.actions import import_people
from tera.organizations.models import Opd
from tera.reports.workbooks import layout
from tera.reports.workbooks.importer import import_workbook
from tera.reports.workbooks.writer import build_workbook
from tests.fuzz.hostile_files import FORMULAS
from tests.reports.workbook_helpers import answer_of, edit

pytestmark = pytest.mark.django_db
# What Excel and LibreOffice start a formula with, in a CSV cell (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_workbook(rows):
    """A sheet as a person types it: text stays text, even when it starts with '='."""
    workbook = Workbook()
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            layout.put_text(workbook.active.cell(number, column), value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def hostile_text(period, koordinator, tmp_path):
    """Formula-like text in OPD and people names (people import), explanations (workbook
    import), a document's title and number, and instansi names (results import)."""
    people = tmp_path / "orang.xlsx"
    people.write_bytes(
        text_workbook(
            [
                ["opd", "username", "nama", "peran"],
                *([formula, f"pegawai{n}", formula, "opd"] for n, formula in enumerate(FORMULAS)),
            ]
        )
    )
    import_people(period.instansi, people, people.name, user=koordinator)
    for number, formula in enumerate(FORMULAS, start=3):
        opd = Opd.objects.get(instansi=period.instansi, name=" ".join(formula.split()))
        assign_opd(period, number, opd, lead=True, user=koordinator)
    changes = {}
    for number, formula in enumerate(FORMULAS, start=1):
        changes[(number, layout.FAKTA)] = formula
        changes[(number, layout.ANALISIS)] = formula
    import_workbook(period, edit(build_workbook(period), changes), user=koordinator)
    document = add_document(
        period.instansi,
        user=koordinator,
        title=FORMULAS[1],
        number=FORMULAS[4],
        category="kebijakan",
        url="https://evil.example/dokumen",
    )
    link_document(answer_of(period, 1), document, user=koordinator)
    results = tmp_path / "hasil.csv"
    with results.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["year", "instansi", "kind", "province", "index", "predikat"])
        writer.writerows([2024, f, "kota", "Gorontalo", "2.50", "Cukup"] for f in FORMULAS)
    call_command("results", "import", "--file", str(results), stdout=io.StringIO())
    return period


def formula_cells(content):
    """Every formula element in every worksheet of the workbook's XML."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        return [
            name for name in sheets if b"<f>" in archive.read(name) or b"<f " in archive.read(name)
        ]


def texts(content):
    """Every text cell as (value, quotePrefix), from every sheet."""
    workbook = load_workbook(io.BytesIO(content))
    return [
        (cell.value, cell.quotePrefix)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "s" and cell.value
    ]


def assert_inert_workbook(content, expected):
    """No formula anywhere, the hostile text is there as text, and what Excel would run when
    the cell is edited is marked with the apostrophe prefix."""
    assert formula_cells(content) == []
    cells = texts(content)
    values = {value for value, _prefix in cells}
    assert {text.strip() for text in expected} <= values
    starts = FORMULA_STARTS[:4]
    assert [value for value, prefix in cells if value.startswith(starts) and not prefix] == []


def assert_inert_csv(content, expected):
    fields = [field for row in csv.reader(io.StringIO(content.lstrip("\ufeff"))) for field in row]
    assert [field for field in fields if field.startswith(FORMULA_STARTS)] == []
    assert {f"'{text.strip()}" for text in expected} <= set(fields)


def test_the_period_workbook_gives_back_every_hostile_text_as_text(hostile_text):
    content = build_workbook(hostile_text)
    opd_names = [" ".join(formula.split()) for formula in FORMULAS]
    assert_inert_workbook(content, [*FORMULAS, *opd_names])


def test_the_registry_csv_escapes_every_hostile_instansi_name(client, hostile_text):
    response = client.get(reverse("reports:registry_csv") + "?year=2024")
    assert_inert_csv(b"".join(response.streaming_content).decode(), FORMULAS)


def test_the_period_csv_starts_no_field_with_a_formula(client, koordinator, hostile_text):
    client.force_login(koordinator)
    response = client.get(reverse("reports:period_csv", args=[hostile_text.pk]))
    assert_inert_csv(response.content.decode(), [])


def test_the_national_workbook_gives_back_every_hostile_name_as_text(client, hostile_text):
    response = client.get(reverse("public:national_workbook") + "?year=2024")
    assert_inert_workbook(response.content, FORMULAS)


def test_the_province_workbook_gives_back_every_hostile_name_as_text(client, hostile_text):
    url = reverse("public:province_workbook", args=["gorontalo"]) + "?year=2024"
    assert_inert_workbook(client.get(url).content, FORMULAS)
