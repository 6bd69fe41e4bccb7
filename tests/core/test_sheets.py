"""Reading answer and cost sheets, with every bad row named."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from tera.core.sheets import SheetError, read_costs, read_levels


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_indonesian_headers_and_semicolons(tmp_path, spbe_2020):
    path = write(tmp_path, "a.csv", "Indikator;Tingkat\n1;3\n2;4\n")
    assert read_levels(path, spbe_2020) == {1: 3, 2: 4}


def test_xlsx(tmp_path, spbe_2020):
    workbook = Workbook()
    workbook.active.append(["indicator", "level"])
    workbook.active.append([47, 5])
    workbook.save(tmp_path / "a.xlsx")
    assert read_levels(tmp_path / "a.xlsx", spbe_2020) == {47: 5}


def test_every_bad_row_is_reported(tmp_path, spbe_2020):
    path = write(tmp_path, "a.csv", "indicator,level\n1,3.5\n2,7\n99,3\n1,2\n")
    with pytest.raises(SheetError) as caught:
        read_levels(path, spbe_2020)
    assert caught.value.problems == [
        "baris 2: tingkat '3.5' harus bilangan bulat 0-5",
        "baris 3: tingkat '7' harus bilangan bulat 0-5",
        "baris 4: indikator '99' tidak ada dalam instrumen spbe-2020",
    ]


def test_duplicate_indicator(tmp_path, spbe_2020):
    path = write(tmp_path, "a.csv", "indicator,level\n1,3\n1,4\n")
    with pytest.raises(SheetError, match="baris 3: indikator 1 ditulis lebih dari sekali"):
        read_levels(path, spbe_2020)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "kode,tingkat\n1,3\n", "kolom wajib tidak ditemukan: indicator "),
        ("a.csv", "", "berkas kosong"),
        ("a.txt", "indicator,level\n", "format tidak didukung"),
        ("a.xlsx", "indicator,level\n1,3\n", "bukan berkas Excel"),
    ],
)
def test_unreadable_sheets(tmp_path, spbe_2020, name, content, message):
    with pytest.raises(SheetError, match=message):
        read_levels(write(tmp_path, name, content), spbe_2020)


def test_costs_per_indicator_and_per_step(tmp_path, spbe_2020):
    path = write(tmp_path, "c.csv", "indicator,cost,to_level\n1,2.5,\n2,10,4\n")
    costs = read_costs(path, spbe_2020)
    assert costs[1] == {level: Decimal("2.5") for level in range(1, 6)}
    assert costs[2] == {4: Decimal(10)}


def test_negative_cost_is_refused(tmp_path, spbe_2020):
    with pytest.raises(SheetError, match="baris 2: biaya '-1'"):
        read_costs(write(tmp_path, "c.csv", "indicator,cost\n1,-1\n"), spbe_2020)
