"""Importing the official results: every row loaded and checked, aliases resolved."""

from decimal import Decimal

import pytest

from tera.instruments.library import file_library
from tera.registry.checks import check_row
from tera.registry.importer import ImportFailed, import_results
from tera.registry.models import Instansi, InstansiAlias, NationalAverage, OfficialResult

pytestmark = pytest.mark.django_db

HEADER = "year,instansi,kind,province,index,predikat,kebijakan,tata_kelola,manajemen,layanan,source"

# Every 2023/2024 row was checked against its domains and its year's predikat rule; none
# disagrees (the largest gap between index and weighted domain sum is 0.0077). A change in
# the checks that flags or clears a row must change this set on purpose.
PROBLEM_ROWS: set[tuple[str, int]] = set()

INCOMPLETE_DOMAINS = {
    ("Kementerian Energi dan Sumber Daya Mineral", 2024),
    ("Kementerian Pertanian", 2024),
    ("Pemerintah Provinsi Jawa Timur", 2024),
}


@pytest.fixture
def imported():
    return import_results()


def result(name, year):
    return OfficialResult.objects.get(published_name=name, year=year)


def write_csv(tmp_path, *lines, header=HEADER):
    path = tmp_path / "results.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def snapshot():
    return (
        sorted(Instansi.objects.values_list("id", "name", "slug", "kind", "province")),
        sorted(InstansiAlias.objects.values_list("id", "instansi_id", "name")),
        sorted(
            (r.id, r.instansi_id, r.year, r.published_name, r.index, r.predikat,
             *r.domain_values, r.computed_index, r.problems, r.notes, r.source)
            for r in OfficialResult.objects.all()
        ),
        sorted(NationalAverage.objects.values_list()),
    )  # fmt: skip


def test_every_2023_and_2024_row_is_loaded(imported):
    assert imported.rows_per_year == {
        2019: 2, 2020: 1, 2021: 3, 2022: 13, 2023: 621, 2024: 615, 2025: 1,
    }  # fmt: skip
    assert OfficialResult.objects.filter(year=2023).count() == 621
    assert OfficialResult.objects.filter(year=2024).count() == 615


def test_rows_with_problems_are_exactly_the_known_list(imported):
    flagged = OfficialResult.objects.exclude(problems=[]).values_list("published_name", "year")
    assert set(flagged) == PROBLEM_ROWS
    assert len(imported.problems) == len(PROBLEM_ROWS)


def test_every_row_with_four_domains_gets_a_computed_index(imported):
    official = OfficialResult.objects.filter(year__in=[2023, 2024])
    unchecked = official.filter(computed_index__isnull=True)
    assert set(unchecked.values_list("published_name", "year")) == INCOMPLETE_DOMAINS
    assert official.filter(computed_index__isnull=False).count() == 1236 - 3


def test_rows_with_a_blank_domain_are_noted_not_failed(imported):
    noted = OfficialResult.objects.exclude(notes=[])
    assert set(noted.values_list("published_name", "year")) == INCOMPLETE_DOMAINS
    assert all(n.startswith("domain tidak lengkap") for r in noted for n in r.notes)
    assert all(r.problems == [] for r in noted)


@pytest.mark.parametrize(
    ("name", "year", "computed", "predikat"),
    [
        ("Pemerintah Kab. Pacitan", 2024, "3.49855", "Baik"),
        ("Pemerintah Kab. Luwu", 2024, "2.59680", "Cukup"),
        ("Pemerintah Kab. Nias Barat", 2024, "1.79850", "Kurang"),
        ("Pemerintah Kota Serang", 2023, "2.59935", "Baik"),
        ("Pemerintah Kab. Boven Digoel", 2023, "1.79935", "Cukup"),
        ("Pemerintah Kab. Nias Barat", 2023, "1.79625", "Cukup"),
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
    bad = write_csv(tmp_path, "2024,Pemerintah Kota Uji,kota,Gorontalo,3.10,Memuaskan,3,3,3,3,")
    report = import_results(bad)
    assert report.problems == [
        "Pemerintah Kota Uji (2024): indeks 3,10 berbeda dari jumlah tertimbang domain 3,0000 "
        "(selisih lebih dari 0,01)",
        "Pemerintah Kota Uji (2024): predikat 'Memuaskan' tidak sesuai aturan tahun 2024: "
        "nilai 3,0000 seharusnya 'Baik'",
    ]
    stored = result("Pemerintah Kota Uji", 2024)
    assert stored.index == Decimal("3.10") and stored.predikat == "Memuaskan"
    assert len(stored.problems) == 2


def test_an_index_off_by_exactly_the_tolerance_is_accepted(tmp_path):
    ok = write_csv(tmp_path, "2024,Pemerintah Kota Uji,kota,Gorontalo,3.01,Baik,3,3,3,3,")
    assert import_results(ok).problems == []


def test_index_only_rows_check_the_predikat_against_the_index(tmp_path):
    bad = write_csv(tmp_path, "2022,Pemerintah Kota Uji,kota,Gorontalo,2.61,Cukup,,,,,")
    assert import_results(bad).problems == [
        "Pemerintah Kota Uji (2022): predikat 'Cukup' tidak sesuai aturan tahun 2022: "
        "nilai 2,6100 seharusnya 'Baik'"
    ]


def test_a_blank_predikat_is_not_checked(imported):
    kediri = result("Pemerintah Kota Kediri", 2019)
    assert kediri.predikat == "" and kediri.problems == []


def test_domains_of_a_2018_instrument_year_are_noted_not_checked(tmp_path):
    row = write_csv(tmp_path, "2019,Pemerintah Kota Uji,kota,Gorontalo,2.00,Cukup,2,2,2,2,")
    report = import_results(row)
    assert report.problems == []
    assert report.notes == [
        "Pemerintah Kota Uji (2019): domain tidak dicek: instrumen spbe-2018 memakai 3 domain, "
        "bukan 4"
    ]


def test_a_broken_file_changes_nothing(tmp_path, imported):
    before = snapshot()
    bad = write_csv(
        tmp_path,
        "2024,Kota Baru,kota,Aceh,3.00,Baik,,,,,",
        "2024,Kota Lain,desa,Aceh,3.00,Baik,,,,,",
    )
    with pytest.raises(ImportFailed, match="baris 3: jenis instansi 'desa' tidak dikenal"):
        import_results(bad)
    assert snapshot() == before


def test_a_file_without_required_columns_is_refused(tmp_path):
    bad = write_csv(tmp_path, "2024,Kota Baru,3.00", header="year,instansi,index")
    with pytest.raises(ImportFailed, match="kolom kind tidak ada di baris judul"):
        import_results(bad)


def test_two_rows_for_one_instansi_and_year_are_refused(tmp_path):
    bad = write_csv(
        tmp_path,
        "2023,Pemerintah Provinsi NTB,provinsi,Nusa Tenggara Barat,3.00,Baik,,,,,",
        "2023,Pemerintah Provinsi Nusa Tenggara Barat,provinsi,Nusa Tenggara Barat,3.00,Baik,,,,,",
    )
    with pytest.raises(ImportFailed, match="baris 3: .* sudah ada di baris 2"):
        import_results(bad)
    assert not OfficialResult.objects.exists()


def test_import_is_idempotent(imported):
    before = snapshot()
    again = import_results()
    assert snapshot() == before
    assert again.rows_per_year == imported.rows_per_year


def test_renamed_instansi_share_one_registry_entry(imported):
    ntb = Instansi.objects.get(name="Pemerintah Provinsi Nusa Tenggara Barat")
    assert sorted(ntb.results.values_list("year", flat=True)) == [2023, 2024]
    assert ntb.results.get(year=2023).published_name == "Pemerintah Provinsi NTB"
    assert list(ntb.aliases.values_list("name", flat=True)) == ["Pemerintah Provinsi NTB"]
    dpr = Instansi.objects.get(name="Sekretariat Jenderal Dewan Perwakilan Rakyat")
    assert dpr.results.get(year=2023).published_name == "Dewan Perwakilan Rakyat"


def test_older_rows_join_the_2024_instansi(imported):
    kotamobagu = Instansi.objects.get(name="Pemerintah Kota Kotamobagu")
    assert sorted(kotamobagu.results.values_list("year", flat=True)) == [2021, 2023, 2024]


def test_every_alias_names_a_2023_row_and_its_instansi_a_2024_row(imported):
    for alias in InstansiAlias.objects.select_related("instansi"):
        assert alias.instansi.results.get(year=2023).published_name == alias.name
        assert alias.instansi.results.get(year=2024).published_name == alias.instansi.name
    assert InstansiAlias.objects.count() == 23


def test_unpaired_names_stay_separate_instansi(imported):
    kasn = Instansi.objects.get(name="Komisi Aparatur Sipil Negara")
    assert list(kasn.results.values_list("year", flat=True)) == [2023]
    assert not kasn.aliases.exists()


def test_national_averages_2018_to_2024(imported):
    assert list(NationalAverage.objects.values_list("year", flat=True)) == list(range(2018, 2025))
    average_2024 = NationalAverage.objects.get(year=2024)
    assert (average_2024.index, average_2024.predikat) == (Decimal("3.12"), "Baik")
    assert NationalAverage.objects.get(year=2018).manajemen is None
