"""Checks of one published result row against the instrument it was scored with."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from tera.core.instrument import Instrument
from tera.core.numbers import exact_decimal, format_id
from tera.core.scoring import predikat_for

INDEX_TOLERANCE = Fraction(1, 100)


@dataclass
class RowCheck:
    computed_index: Fraction | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def computed_decimal(self) -> Decimal | None:
        return None if self.computed_index is None else exact_decimal(self.computed_index)


def check_row(
    instrument: Instrument, year: int, index: Decimal, predikat: str, domains: list[Decimal | None]
) -> RowCheck:
    """The index must equal the weighted domain sum within 0.01, the predikat that year's rule."""
    check = RowCheck()
    if any(value is not None for value in domains) and len(domains) != len(instrument.domains):
        # The 2018 instrument has 3 domains; our columns follow the 4 of 2020, so no mapping.
        check.notes.append(
            f"domain tidak dicek: instrumen {instrument.id} memakai "
            f"{len(instrument.domains)} domain, bukan {len(domains)}"
        )
    elif instrument.domains and all(value is not None for value in domains):
        weights = [Fraction(domain.weight) for domain in instrument.domains]
        total = sum(
            (Fraction(v) * w for v, w in zip(domains, weights, strict=True) if v is not None),
            Fraction(0),
        )
        check.computed_index = total / Fraction(instrument.total_weight)
        if abs(check.computed_index - Fraction(index)) > INDEX_TOLERANCE:
            check.problems.append(
                f"indeks {format_id(index)} berbeda dari jumlah tertimbang domain "
                f"{format_id(check.computed_index, 4)} (selisih lebih dari 0,01)"
            )
    elif instrument.domains and any(value is not None for value in domains):
        check.notes.append("domain tidak lengkap: indeks tidak dapat dicek dari domain")
    if predikat:
        basis = check.computed_index if check.computed_index is not None else Fraction(index)
        expected = predikat_for(instrument, basis, year)
        if expected != predikat:
            check.problems.append(
                f"predikat '{predikat}' tidak sesuai aturan tahun {year}: nilai "
                f"{format_id(basis, 4)} seharusnya '{expected}'"
            )
    return check
