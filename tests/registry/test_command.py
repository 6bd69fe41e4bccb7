"""The `results` command: import summary, the show table, exit status 2 on bad input."""

from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    call_command("results", "import", stdout=StringIO())


def show(*args):
    out = StringIO()
    call_command("results", "show", *args, stdout=out)
    return out.getvalue().splitlines()


def test_import_prints_rows_per_year_and_a_summary():
    out = StringIO()
    call_command("results", "import", stdout=out)
    lines = out.getvalue().splitlines()
    assert "2023: 621 baris dimuat" in lines and "2024: 615 baris dimuat" in lines
    assert lines[-1].startswith("Instansi: ") and lines[-1].endswith("masalah: 0; catatan: 3")
    assert "catatan: Kementerian Pertanian (2024): domain tidak lengkap" in out.getvalue()


def test_import_prints_each_problem_with_instansi_and_year(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "year,instansi,kind,province,index,predikat\n"
        "2024,Pemerintah Kota Uji,kota,Aceh,3.00,Cukup\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("results", "import", "--file", str(bad), stdout=out)
    assert (
        "TIDAK KONSISTEN: Pemerintah Kota Uji (2024): predikat 'Cukup' tidak sesuai aturan "
        "tahun 2024: nilai 3,0000 seharusnya 'Baik'"
    ) in out.getvalue().splitlines()


def test_show_lists_a_province_case_insensitively(imported):
    lines = show("--province", "gorontalo", "--year", "2024")
    assert lines[0].split()[:4] == ["instansi", "jenis", "provinsi", "tahun"]
    assert len(lines) == 1 + 7
    province = next(line for line in lines if "Pemerintah Provinsi Gorontalo" in line)
    assert province.split()[3:] == [
        "provinsi", "Gorontalo", "2024", "4,13", "Sangat", "Baik", "5,00", "4,00", "3,09", "4,33",
    ]  # fmt: skip


def test_show_filters_by_kind(imported):
    lines = show("--kind", "kementerian", "--year", "2024")
    assert len(lines) == 1 + 34
    assert all(" kementerian " in line for line in lines[1:])


def test_show_marks_an_unknown_domain(imported):
    (line,) = [line for line in show("--year", "2024") if "Kementerian Pertanian" in line]
    assert line.split()[-4:] == ["-", "3,50", "2,64", "4,69"]


def test_show_unknown_province_is_a_command_error_with_status_2(imported):
    with pytest.raises(CommandError, match="provinsi 'Atlantis' tidak ada di registri") as error:
        show("--province", "Atlantis")
    assert error.value.returncode == 2


def test_show_year_without_results_names_the_years_available(imported):
    with pytest.raises(CommandError, match="tahun yang tersedia: 2019, 2020, 2021") as error:
        show("--year", "2018")
    assert error.value.returncode == 2


def test_command_line_exits_with_status_2_on_unknown_province(imported, capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["tera", "results", "show", "--province", "Atlantis"])
    assert exit_info.value.code == 2
    assert "provinsi 'Atlantis' tidak ada di registri" in capsys.readouterr().err


def test_command_line_requires_an_action(capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["tera", "results"])
    assert exit_info.value.code == 2
