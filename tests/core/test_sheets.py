"""Reading answer and cost sheets (CSV and XLSX), with every bad row named by its number."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from tera.core.sheets import SheetError, read_costs, read_levels


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(tmp_path, name, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def problems_of(read, path, instrument):
    with pytest.raises(SheetError) as caught:
        read(path, instrument)
    return caught.value.problems


# -- answers sheets that read correctly -----------------------------------------------------


def test_comma_csv_with_english_headers(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n47,5\n")
    assert read_levels(path, spbe_2020) == {1: 3, 47: 5}


def test_comma_csv_with_indonesian_headers(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indikator,tingkat\n1,3\n2,4\n")
    assert read_levels(path, spbe_2020) == {1: 3, 2: 4}


def test_semicolon_csv_with_indonesian_headers(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "Indikator;Tingkat\n1;3\n2;4\n")
    assert read_levels(path, spbe_2020) == {1: 3, 2: 4}


def test_csv_saved_by_excel_with_a_byte_order_mark(tmp_path, spbe_2020):
    path = tmp_path / "jawaban.csv"
    path.write_bytes("indikator;tingkat\r\n1;3\r\n".encode("utf-8-sig"))
    assert read_levels(path, spbe_2020) == {1: 3}


def test_blank_rows_are_skipped(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n,\n\n2,4\n")
    assert read_levels(path, spbe_2020) == {1: 3, 2: 4}


def test_unrecognised_extra_columns_are_ignored(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indikator,nama,tingkat\n1,Arsitektur,3\n")
    assert read_levels(path, spbe_2020) == {1: 3}


def test_level_0_is_accepted(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,0\n")
    assert read_levels(path, spbe_2020) == {1: 0}


def test_xlsx_with_number_cells(tmp_path, spbe_2020):
    path = write_xlsx(tmp_path, "jawaban.xlsx", [["indikator", "tingkat"], [1, 3], [47, 5]])
    assert read_levels(path, spbe_2020) == {1: 3, 47: 5}


def test_xlsx_whole_float_cells_are_read_as_integers(tmp_path, spbe_2020):
    path = write_xlsx(tmp_path, "jawaban.xlsx", [["indicator", "level"], [1.0, 3.0]])
    assert read_levels(path, spbe_2020) == {1: 3}


def test_xlsx_text_cells_are_read_too(tmp_path, spbe_2020):
    path = write_xlsx(tmp_path, "jawaban.xlsx", [["indicator", "level"], ["12", " 4 "]])
    assert read_levels(path, spbe_2020) == {12: 4}


# -- answers sheets with bad rows -----------------------------------------------------------


def test_non_integer_level_is_reported_with_its_row(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n2,3.5\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 3: tingkat '3.5' harus bilangan bulat 0-5"
    ]


def test_level_7_is_reported_with_its_row(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,7\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 2: tingkat '7' harus bilangan bulat 0-5"
    ]


def test_text_level_is_reported_with_its_row(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,tiga\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 2: tingkat 'tiga' harus bilangan bulat 0-5"
    ]


def test_level_with_an_exponent_beyond_decimal_range_is_reported(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,1e999999999999999999999999\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 2: tingkat '1e999999999999999999999999' harus bilangan bulat 0-5"
    ]


def test_level_with_a_huge_exponent_is_reported_not_crashed(tmp_path, spbe_2020):
    # A whole number far too big to build as an int: it must be refused before int() runs.
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,1e999999999999999999\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 2: tingkat '1e999999999999999999' harus bilangan bulat 0-5"
    ]


def test_unknown_indicator_is_reported_with_its_row(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n48,3\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 3: indikator '48' tidak ada dalam instrumen spbe-2020"
    ]


def test_duplicate_indicator_is_reported_at_its_second_row(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n2,3\n1,4\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 4: indikator 1 ditulis lebih dari sekali"
    ]


def test_every_bad_row_is_reported_not_just_the_first(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3.5\n2,7\n99,3\n3,2\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 2: tingkat '3.5' harus bilangan bulat 0-5",
        "baris 3: tingkat '7' harus bilangan bulat 0-5",
        "baris 4: indikator '99' tidak ada dalam instrumen spbe-2020",
    ]


def test_row_numbers_count_blank_rows_as_the_user_sees_them(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n\n2,x\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 4: tingkat 'x' harus bilangan bulat 0-5"
    ]


def test_xlsx_bad_row_is_reported_with_its_row(tmp_path, spbe_2020):
    path = write_xlsx(tmp_path, "jawaban.xlsx", [["indicator", "level"], [1, 3], [2, 9]])
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 3: tingkat '9' harus bilangan bulat 0-5"
    ]


def test_row_without_a_level_cell_is_reported_by_its_row(tmp_path, spbe_2020):
    # The header names both columns; only row 3 is short.
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,3\n2\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "baris 3: tingkat '' harus bilangan bulat 0-5"
    ]


# -- sheets that cannot be read at all ------------------------------------------------------


def test_missing_level_column_is_named(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indikator,skor\n1,3\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "kolom wajib tidak ditemukan: level (judul kolom di baris 1)"
    ]


def test_missing_indicator_column_is_named(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "kode,tingkat\n1,3\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "kolom wajib tidak ditemukan: indicator (judul kolom di baris 1)"
    ]


def test_empty_file_is_reported(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "")
    assert problems_of(read_levels, path, spbe_2020) == ["berkas kosong"]


def test_header_without_data_rows_is_reported(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "tidak ada baris data di bawah judul kolom"
    ]


def test_unsupported_extension_is_reported(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.txt", "indicator,level\n1,3\n")
    assert problems_of(read_levels, path, spbe_2020) == [
        "format tidak didukung; gunakan berkas .csv atau .xlsx"
    ]


def test_xlsx_that_is_really_text_is_reported(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.xlsx", "indicator,level\n1,3\n")
    assert problems_of(read_levels, path, spbe_2020) == ["bukan berkas Excel (.xlsx) yang valid"]


def test_csv_that_is_not_utf8_is_reported(tmp_path, spbe_2020):
    path = tmp_path / "jawaban.csv"
    path.write_bytes("indikator,tingkat\n1,3\n\xff\n".encode("latin-1"))
    assert problems_of(read_levels, path, spbe_2020) == ["berkas CSV harus berenkode UTF-8"]


def test_sheet_error_message_starts_with_the_file_name(tmp_path, spbe_2020):
    path = write(tmp_path, "jawaban.csv", "indicator,level\n1,7\n")
    with pytest.raises(SheetError, match="^jawaban.csv: baris 2: "):
        read_levels(path, spbe_2020)


# -- cost sheets ---------------------------------------------------------------------------


def test_cost_without_to_level_applies_to_every_step(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indikator,biaya\n1,2.5\n")
    assert read_costs(path, spbe_2020) == {1: dict.fromkeys(range(1, 6), Decimal("2.5"))}


def test_cost_with_to_level_applies_to_that_step_only(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,cost,to_level\n2,10,4\n2,15,5\n")
    assert read_costs(path, spbe_2020) == {2: {4: Decimal(10), 5: Decimal(15)}}


def test_costs_with_and_without_to_level_in_one_sheet(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,cost,to_level\n1,2.5,\n2,10,4\n")
    assert read_costs(path, spbe_2020) == {
        1: dict.fromkeys(range(1, 6), Decimal("2.5")),
        2: {4: Decimal(10)},
    }


def test_cost_with_a_decimal_comma_in_a_semicolon_csv(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indikator;biaya;ke_tingkat\n1;2,35;3\n")
    assert read_costs(path, spbe_2020) == {1: {3: Decimal("2.35")}}


def test_cost_is_kept_as_an_exact_decimal(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,cost,to_level\n1,0.1,3\n")
    assert str(read_costs(path, spbe_2020)[1][3]) == "0.1"


def test_costs_from_xlsx(tmp_path, spbe_2020):
    rows = [["indikator", "biaya", "tingkat_tujuan"], [1, 3, 2]]
    assert read_costs(write_xlsx(tmp_path, "biaya.xlsx", rows), spbe_2020) == {1: {2: 3}}


def test_negative_cost_is_rejected(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,cost\n1,-1\n")
    assert problems_of(read_costs, path, spbe_2020) == [
        "baris 2: biaya '-1' harus angka 0 sampai 10^12"
    ]


def test_text_cost_is_rejected(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,cost\n1,mahal\n")
    assert problems_of(read_costs, path, spbe_2020) == [
        "baris 2: biaya 'mahal' harus angka 0 sampai 10^12"
    ]


def test_to_level_outside_1_to_5_is_rejected(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,cost,to_level\n1,2,6\n")
    assert problems_of(read_costs, path, spbe_2020) == ["baris 2: tingkat tujuan '6' harus 1-5"]


def test_cost_sheet_without_a_cost_column_is_rejected(tmp_path, spbe_2020):
    path = write(tmp_path, "biaya.csv", "indicator,level\n1,3\n")
    assert problems_of(read_costs, path, spbe_2020) == [
        "kolom wajib tidak ditemukan: cost (judul kolom di baris 1)"
    ]
