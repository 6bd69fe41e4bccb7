"""Numbers and dates in Indonesian words, as a Berita Acara writes them beside the figures.

Indonesian by design, whatever the language of the page: the words are part of the formal
document (“Pada hari ini, Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh
enam”), like the figures themselves.
"""

from __future__ import annotations

from datetime import date

UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Each scale with its word; 1 000 is "seribu", 100 "seratus", but 1 000 000 "satu juta".
SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def number_words(number: int) -> str:
    """A whole number from 0 below a thousand trillion: 2026 -> 'dua ribu dua puluh enam'."""
    if number < 0 or number >= 1000 * SCALES[0][0]:
        raise ValueError(f"{number} is outside 0 to 999 999 999 999 999")
    if number == 0:
        return UNITS[0]
    return " ".join(_words(number))


def _words(number: int) -> list[str]:
    for size, name in SCALES:
        if number >= size:
            count, rest = divmod(number, size)
            head = ["seribu"] if size == 1000 and count == 1 else [*_below_thousand(count), name]
            return head + (_words(rest) if rest else [])
    return _below_thousand(number)


def _below_thousand(number: int) -> list[str]:
    hundreds, rest = divmod(number, 100)
    words = []
    if hundreds:
        words = ["seratus"] if hundreds == 1 else [UNITS[hundreds], "ratus"]
    if rest >= 20:
        tens, units = divmod(rest, 10)
        words += [UNITS[tens], "puluh"] + ([UNITS[units]] if units else [])
    elif rest >= 12:
        words += [UNITS[rest - 10], "belas"]
    elif rest == 11:
        words.append("sebelas")
    elif rest == 10:
        words.append("sepuluh")
    elif rest:
        words.append(UNITS[rest])
    return words


def figure_words(figure: str) -> str:
    """A figure as shown ('3,28') in words, its decimals read digit by digit:
    'tiga koma dua delapan'."""
    whole, _comma, decimals = figure.partition(",")
    words = [number_words(int(whole))]
    if decimals:
        words += ["koma", *(UNITS[int(digit)] for digit in decimals)]
    return " ".join(words)


def date_words(day: date) -> str:
    """'Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam'."""
    return (
        f"{WEEKDAYS[day.weekday()]} tanggal {number_words(day.day)} "
        f"bulan {MONTHS[day.month - 1]} tahun {number_words(day.year)}"
    )


def long_date(day: date) -> str:
    """'23 November 2026', as a place-and-date line writes it."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
