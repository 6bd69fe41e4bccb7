"""The instrument files shipped with Tera load, and say what they are."""

from decimal import Decimal

import pytest

from tera.core.library import SHIPPED_LIBRARY, load_library

SHIPPED = ["pemdi-2026", "spbe-2018", "spbe-2020"]


def test_shipped_library_holds_exactly_the_three_instrument_files():
    assert sorted(path.name for path in SHIPPED_LIBRARY.glob("*.yaml")) == [
        "pemdi-2026.yaml",
        "spbe-2018.yaml",
        "spbe-2020.yaml",
    ]


def test_every_shipped_file_loads_without_errors():
    library = load_library()
    assert library.errors == ()
    assert sorted(entry.instrument.id for entry in library.entries) == SHIPPED


@pytest.mark.parametrize(
    ("instrument_id", "counts"),
    [("spbe-2020", (4, 8, 47)), ("spbe-2018", (3, 7, 35)), ("pemdi-2026", (0, 7, 20))],
)
def test_shipped_instrument_has_its_domain_aspect_and_indicator_counts(
    library, instrument_id, counts
):
    instrument = library.get(instrument_id)
    assert (len(instrument.domains), len(instrument.aspects), len(instrument.indicators)) == counts


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_top_level_weights_sum_to_exactly_100(library, instrument_id):
    instrument = library.get(instrument_id)
    top = instrument.domains or instrument.aspects
    assert instrument.total_weight == 100
    assert sum(node.weight for node in top) == Decimal(100)


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_aspect_weights_sum_exactly_to_their_domain(library, instrument_id):
    for domain in library.get(instrument_id).domains:
        assert sum(aspect.weight for aspect in domain.aspects) == domain.weight, domain.number


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_indicator_weights_sum_exactly_to_their_aspect(library, instrument_id):
    for aspect in library.get(instrument_id).aspects:
        assert sum(i.weight for i in aspect.indicators) == aspect.weight, aspect.number


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_indicator_weights_sum_to_exactly_100(library, instrument_id):
    assert sum(i.weight for i in library.get(instrument_id).indicators) == Decimal(100)


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_indicators_are_numbered_1_to_n_without_gaps(library, instrument_id):
    indicators = library.get(instrument_id).indicators
    assert [i.number for i in indicators] == list(range(1, len(indicators) + 1))


def test_spbe_2020_indicator_weights_match_the_regulation(spbe_2020):
    weights = [i.weight for i in spbe_2020.indicators]
    assert {w: weights.count(w) for w in set(weights)} == {
        Decimal("1.3"): 10,
        Decimal("2.5"): 10,
        Decimal("1.5"): 11,
        Decimal("2.75"): 10,
        Decimal("3.0"): 6,
    }


def test_spbe_2020_domain_weights_match_the_regulation(spbe_2020):
    assert [d.weight for d in spbe_2020.domains] == [
        Decimal("13"),
        Decimal("25"),
        Decimal("16.5"),
        Decimal("45.5"),
    ]


def test_spbe_2020_is_official_with_verified_weights_and_levels_1_to_5(spbe_2020):
    assert spbe_2020.status == "official"
    assert spbe_2020.weights_verified is True
    assert (spbe_2020.min_level, spbe_2020.max_level) == (1, 5)


def test_spbe_2020_every_indicator_has_criteria_for_levels_1_to_5(spbe_2020):
    assert all(sorted(i.criteria) == [1, 2, 3, 4, 5] for i in spbe_2020.indicators)


def test_spbe_2020_only_2023_reads_the_predikat_from_the_rounded_index(spbe_2020):
    rules = {year.year: year.predikat_rule.value for year in spbe_2020.years}
    assert rules == {
        2021: "unrounded",
        2022: "unrounded",
        2023: "rounded",
        2024: "unrounded",
        2025: "unrounded",
    }


def test_spbe_2020_process_scale_names_levels_rintisan_to_optimum(spbe_2020):
    process = next(s for s in spbe_2020.scales if s.id == "kapabilitas_proses")
    assert [process.level_name(n) for n in range(1, 6)] == [
        "Rintisan",
        "Terkelola",
        "Terdefinisi",
        "Terpadu dan Terukur",
        "Optimum",
    ]


def test_spbe_2020_service_scale_level_5_is_named_optimum(spbe_2020):
    service = next(s for s in spbe_2020.scales if s.id == "kapabilitas_layanan")
    assert [service.level_name(n) for n in range(1, 6)] == [
        "Informasi",
        "Interaksi",
        "Transaksi",
        "Kolaborasi",
        "Optimum",
    ]


def test_spbe_2020_service_indicators_use_the_service_scale(spbe_2020):
    service = [i.number for i in spbe_2020.indicators if i.scale == "kapabilitas_layanan"]
    assert service == list(range(32, 48))


def test_spbe_2020_predikat_bands_from_kurang_to_memuaskan(spbe_2020):
    assert [(b.name, b.lower, b.upper) for b in spbe_2020.predikat_bands] == [
        ("Kurang", None, Decimal("1.8")),
        ("Cukup", Decimal("1.8"), Decimal("2.6")),
        ("Baik", Decimal("2.6"), Decimal("3.5")),
        ("Sangat Baik", Decimal("3.5"), Decimal("4.2")),
        ("Memuaskan", Decimal("4.2"), None),
    ]


def test_spbe_2018_is_unverified_without_verified_weights(spbe_2018):
    assert spbe_2018.status == "unverified"
    assert spbe_2018.weights_verified is False


def test_spbe_2018_levels_run_from_0_to_5(spbe_2018):
    assert (spbe_2018.min_level, spbe_2018.max_level) == (0, 5)
    assert [level.level for level in spbe_2018.scales[0].levels] == [0, 1, 2, 3, 4, 5]


def test_pemdi_2026_is_partly_verified_with_verified_weights(pemdi_2026):
    assert pemdi_2026.status == "unverified"
    assert pemdi_2026.weights_verified is True


def test_pemdi_2026_has_aspects_but_no_domains(pemdi_2026):
    assert pemdi_2026.domains == ()
    assert all(aspect.domain_number is None for aspect in pemdi_2026.aspects)


def test_pemdi_2026_band_thresholds_are_1_5_2_5_3_5_and_4_0(pemdi_2026):
    assert [(b.name, b.lower) for b in pemdi_2026.predikat_bands] == [
        ("Kurang", None),
        ("Cukup", Decimal("1.5")),
        ("Baik", Decimal("2.5")),
        ("Sangat Baik", Decimal("3.5")),
        ("Memuaskan", Decimal("4.0")),
    ]


def test_library_get_of_an_unknown_id_names_the_known_ones(library):
    with pytest.raises(KeyError, match="tersedia: .*spbe-2020"):
        library.get("spbe-1999")


def test_a_broken_extra_file_is_reported_and_the_others_still_load(tmp_path):
    (tmp_path / "rusak.yaml").write_text("schema: [1\n", encoding="utf-8")
    library = load_library([tmp_path])
    assert sorted(entry.instrument.id for entry in library.entries) == SHIPPED
    assert [error.source for error in library.errors] == ["rusak.yaml"]


def test_an_extra_file_reusing_a_shipped_id_is_refused(tmp_path):
    copy = tmp_path / "salinan.yaml"
    copy.write_text((SHIPPED_LIBRARY / "pemdi-2026.yaml").read_text(encoding="utf-8"))
    library = load_library([tmp_path])
    assert len(library.entries) == 3
    assert [(e.source, e.path) for e in library.errors] == [("salinan.yaml", "id")]
