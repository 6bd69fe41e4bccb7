"""The instrument files shipped with Tera."""

from decimal import Decimal

import pytest


@pytest.mark.parametrize(
    ("instrument_id", "domains", "aspects", "indicators"),
    [("spbe-2020", 4, 8, 47), ("spbe-2018", 3, 7, 35), ("pemdi-2026", 0, 7, 20)],
)
def test_shipped_structure(library, instrument_id, domains, aspects, indicators):
    instrument = library.get(instrument_id)
    assert (len(instrument.domains), len(instrument.aspects), len(instrument.indicators)) == (
        domains,
        aspects,
        indicators,
    )


def test_library_loads_without_errors(library):
    assert library.errors == ()


def test_uncertain_instruments_are_marked(library):
    assert library.get("spbe-2020").status == "official"
    spbe_2018 = library.get("spbe-2018")
    assert spbe_2018.status == "unverified" and not spbe_2018.weights_verified
    assert spbe_2018.min_level == 0
    pemdi = library.get("pemdi-2026")
    assert pemdi.status == "provisional"
    assert [band.lower for band in pemdi.predikat_bands] == [
        None,
        Decimal("1.5"),
        Decimal("2.5"),
        Decimal("3.5"),
        Decimal("4.0"),
    ]


def test_spbe_2020_weights_and_scales(spbe_2020):
    weights = [i.weight for i in spbe_2020.indicators]
    assert weights.count(Decimal("1.3")) == 10 and weights.count(Decimal("3.0")) == 6
    assert [d.weight for d in spbe_2020.domains] == [13, 25, Decimal("16.5"), Decimal("45.5")]
    service = next(s for s in spbe_2020.scales if s.id == "kapabilitas_layanan")
    assert service.level_name(5) == "Optimum"
    assert all(len(i.criteria) == 5 for i in spbe_2020.indicators)
