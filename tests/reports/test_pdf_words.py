"""Numbers and dates in Indonesian words, as the Berita Acara writes them."""

from datetime import date

import pytest

from tera.reports.pdf.words import date_words, figure_words, long_date, number_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "nol"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (23, "dua puluh tiga"),
        (100, "seratus"),
        (110, "seratus sepuluh"),
        (215, "dua ratus lima belas"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (2026, "dua ribu dua puluh enam"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (1000000, "satu juta"),
        (1001000, "satu juta seribu"),
        (2500000000, "dua miliar lima ratus juta"),
    ],
)
def test_a_number_in_words(number, words):
    assert number_words(number) == words


def test_a_negative_number_is_refused():
    with pytest.raises(ValueError):
        number_words(-1)


def test_a_figure_reads_its_decimals_digit_by_digit():
    assert figure_words("3,28") == "tiga koma dua delapan"
    assert figure_words("4,05") == "empat koma nol lima"


def test_a_whole_figure_has_no_comma():
    assert figure_words("5") == "lima"


def test_a_date_in_words_names_the_weekday_day_month_and_year():
    assert date_words(date(2026, 11, 23)) == (
        "Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam"
    )


def test_the_first_of_january_is_satu():
    assert date_words(date(2025, 1, 1)) == (
        "Rabu tanggal satu bulan Januari tahun dua ribu dua puluh lima"
    )


def test_the_place_and_date_line_names_the_month():
    assert long_date(date(2026, 11, 23)) == "23 November 2026"
