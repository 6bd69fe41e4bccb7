"""Importing the official results: every row loaded and checked, aliases resolved."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from tera.instruments.library import file_library
from tera.registry.checks import check_row
from tera.registry.importer import DATA, ImportFailed, import_results
from tera.registry.models import Instansi, NationalAverage, OfficialResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    return import_results()


def result(name, year):
    return OfficialResult.objects.get(published_name=name, year=year)


def test_every_2023_and_2024_row_is_loaded(imported):
    assert imported.rows_per_year[2023] == 621
    assert imported.rows_per_year[2024] == 615
    assert OfficialResult.objects.filter(year=2023).count() == 621
    assert OfficialResult.objects.filter(year=2024).count() == 615


def test_every_official_row_agrees_with_its_domains_and_year_rule(imported):
    # The check ran on all 1,236 rows of 2023/2024 (plus the scattered older rows) and
    # found no disagreement: each index is the weighted domain sum within 0.01 and each
    # predikat follows its year's rule. Only the three rows with a blank domain are noted.
    assert imported.problems == []
    checked = OfficialResult.objects.filter(year__in=[2023, 2024], computed_index__isnull=False)
    assert checked.count() == 1236 - 3
    assert sorted(imported.notes) == [
        "Kementerian Energi dan Sumber Daya Mineral (2024): domain tidak lengkap: indeks tidak "
        "dapat dicek dari domain",
        "Kementerian Pertanian (2024): domain tidak lengkap: indeks tidak dapat dicek dari domain",
        "Pemerintah Provinsi Jawa Timur (2024): domain tidak lengkap: indeks tidak dapat dicek "
        "dari domain",
    ]


@pytest.mark.parametrize(
    ("name", "year", "computed", "predikat"),
    [
        ("Pemerintah Kab. Pacitan", 2024, "3.49855", "Baik"),
        ("Pemerintah Kab. Luwu", 2024, "2.59680", "Cukup"),
        ("Pemerintah Kab. Nias Barat", 2024, "1.79850", "Kurang"),
        ("Pemerintah Kota Serang", 2023, "2.59935", "Baik"),
    ],
)
def test_threshold_rows_follow_their_year_rule(imported, name, year, computed, predikat):
    row = result(name, year)
    assert row.computed_index == Decimal(computed)
    assert row.predikat == predikat and row.problems == []


def test_the_year_rule_decides_kota_serang_2023():
    instrument = file_library().get("spbe-2020")
    domains = [Decimal("2.20"), Decimal("1.80"), Decimal("1.09"), Decimal("3.70")]  # = 2.59935
    assert check_row(instrument, 2023, Decimal("2.60"), "Baik", domains).problems == []
    under_2024_rule = check_row(instrument, 2024, Decimal("2.60"), "Baik", domains)
    assert under_2024_rule.problems == [
        "predikat 'Baik' tidak sesuai aturan tahun 2024: nilai 2,5994 seharusnya 'Cukup'"
    ]


def test_a_wrong_predikat_and_a_wrong_index_are_reported(tmp_path):
    source = (DATA / "results.csv").read_text(encoding="utf-8").splitlines()
    header = source[0]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join(
            [
                header,
                "2024,Pemerintah Kota Uji,kota,Gorontalo,3.10,Memuaskan,3.00,3.00,3.00,3.00,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    report = import_results(bad)
    assert len(report.problems) == 2
    assert "berbeda dari jumlah tertimbang domain 3,0000" in report.problems[0]
    assert "seharusnya 'Baik'" in report.problems[1]
    assert result("Pemerintah Kota Uji", 2024).problems == [
        p.split(": ", 1)[1] for p in report.problems
    ]


def test_a_broken_file_changes_nothing(tmp_path, imported):
    before = OfficialResult.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "year,instansi,kind,province,index,predikat\n"
        "2024,Kota Baru,kota,Aceh,3.00,Baik\n"
        "2024,Kota Lain,desa,Aceh,3.00,Baik\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed, match="baris 3"):
        import_results(bad)
    assert OfficialResult.objects.count() == before
    assert not Instansi.objects.filter(name="Kota Baru").exists()


def test_import_is_idempotent(imported):
    counts = (Instansi.objects.count(), OfficialResult.objects.count())
    import_results()
    assert (Instansi.objects.count(), OfficialResult.objects.count()) == counts


def test_renamed_instansi_share_one_registry_entry(imported):
    ntb = Instansi.objects.get(name="Pemerintah Provinsi Nusa Tenggara Barat")
    assert sorted(ntb.results.values_list("year", flat=True)) == [2023, 2024]
    assert list(ntb.aliases.values_list("name", flat=True)) == ["Pemerintah Provinsi NTB"]
    dpr = Instansi.objects.get(name="Sekretariat Jenderal Dewan Perwakilan Rakyat")
    assert dpr.results.get(year=2023).published_name == "Dewan Perwakilan Rakyat"


def test_national_averages_2018_to_2024(imported):
    assert list(NationalAverage.objects.values_list("year", flat=True)) == list(range(2018, 2025))
    assert NationalAverage.objects.get(year=2024).index == Decimal("3.12")


def test_show_lists_a_province(imported):
    out = StringIO()
    call_command("results", "show", "--province", "gorontalo", "--year", "2024", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + 7
    assert "Pemerintah Provinsi Gorontalo" in lines[1] and "4,13" in lines[1]


def test_show_unknown_province_exits_with_status_2(imported):
    with pytest.raises(SystemExit) as exit_info:
        call_command("results", "show", "--province", "Atlantis", stderr=StringIO())
    assert exit_info.value.code == 2
