"""Broken instrument files are rejected whole, each problem named with its file and node path."""

import pytest
import yaml

from tera.core.loader import InvalidInstrument, load_file, load_text


def base():
    """A minimal valid instrument: 2 domains (60 + 40), 3 aspects, 5 indicators, levels 1-5."""
    return {
        "schema": 1,
        "id": "uji",
        "name": "Uji",
        "regulation": "Peraturan Uji",
        "status": "official",
        "levels": {"min": 1, "max": 5},
        "scales": [
            {
                "id": "proses",
                "name": "Kapabilitas Proses",
                "levels": [{"level": n, "name": f"Tingkat {n}"} for n in range(1, 6)],
            }
        ],
        "predikat": [
            {"name": "Baik", "min": 2.6},
            {"name": "Cukup", "min": 1.8, "below": 2.6},
            {"name": "Kurang", "below": 1.8},
        ],
        "years": [{"year": 2024, "predikat_from": "unrounded"}],
        "domains": [
            {
                "number": 1,
                "name": "D1",
                "weight": 60,
                "aspects": [
                    {
                        "number": 1,
                        "name": "A1",
                        "weight": 30,
                        "indicators": [
                            {
                                "number": 1,
                                "name": "I1",
                                "weight": 15,
                                "scale": "proses",
                                "criteria": {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima"},
                            },
                            {"number": 2, "name": "I2", "weight": 15, "scale": "proses"},
                        ],
                    },
                    {
                        "number": 2,
                        "name": "A2",
                        "weight": 30,
                        "indicators": [
                            {"number": 3, "name": "I3", "weight": 30, "scale": "proses"}
                        ],
                    },
                ],
            },
            {
                "number": 2,
                "name": "D2",
                "weight": 40,
                "aspects": [
                    {
                        "number": 3,
                        "name": "A3",
                        "weight": 40,
                        "indicators": [
                            {"number": 4, "name": "I4", "weight": 25, "scale": "proses"},
                            {"number": 5, "name": "I5", "weight": 15, "scale": "proses"},
                        ],
                    }
                ],
            },
        ],
    }


def aspect(data, domain, index):
    return data["domains"][domain]["aspects"][index]


def indicator(data, domain, aspect_index, index):
    return aspect(data, domain, aspect_index)["indicators"][index]


def dump(data):
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def problems(data):
    """(path, message) of every error when loading `data` as rusak.yaml."""
    with pytest.raises(InvalidInstrument) as caught:
        load_text(dump(data), "rusak.yaml")
    assert all(error.source == "rusak.yaml" for error in caught.value.errors)
    return [(error.path, error.message) for error in caught.value.errors]


def test_the_base_instrument_is_valid():
    instrument = load_text(dump(base()), "baik.yaml")
    assert [i.number for i in instrument.indicators] == [1, 2, 3, 4, 5]


def test_unknown_key_at_the_root_is_named():
    data = base()
    data["bobot"] = 100
    assert problems(data) == [("bobot", "kunci tidak dikenal 'bobot'")]


def test_unknown_key_deep_in_an_indicator_is_named_with_its_full_path():
    data = base()
    indicator(data, 1, 0, 1)["nilai"] = 3
    assert problems(data) == [
        ("domains[1].aspects[0].indicators[1].nilai", "kunci tidak dikenal 'nilai'")
    ]


def test_duplicate_indicator_number_in_another_aspect_names_both_places():
    data = base()
    indicator(data, 1, 0, 0)["number"] = 2
    assert problems(data) == [
        (
            "domains[1].aspects[0].indicators[0].number",
            "nomor indikator 2 sudah dipakai di domains[0].aspects[0].indicators[1]",
        )
    ]


def test_duplicate_aspect_number_in_another_domain_names_both_places():
    data = base()
    aspect(data, 1, 0)["number"] = 1
    assert problems(data) == [
        ("domains[1].aspects[0].number", "nomor aspek 1 sudah dipakai di domains[0].aspects[0]")
    ]


def test_indicator_weights_not_adding_up_to_the_aspect_weight():
    data = base()
    indicator(data, 0, 0, 1)["weight"] = 16
    assert problems(data) == [
        ("domains[0].aspects[0]", "jumlah bobot anak = 31, padahal bobot aspek = 30")
    ]


def test_aspect_weights_not_adding_up_to_the_domain_weight():
    data = base()
    aspect(data, 0, 1)["weight"] = 31
    indicator(data, 0, 1, 0)["weight"] = 31
    assert problems(data) == [("domains[0]", "jumlah bobot anak = 61, padahal bobot domain = 60")]


def test_domain_weights_not_adding_up_to_100():
    data = base()
    data["domains"][1]["weight"] = 41
    aspect(data, 1, 0)["weight"] = 41
    indicator(data, 1, 0, 1)["weight"] = 16
    assert problems(data) == [("", "jumlah bobot anak = 101, padahal bobot total = 100")]


def test_root_errors_are_shown_as_akar_with_the_file_name():
    data = base()
    data["total_weight"] = 99
    with pytest.raises(InvalidInstrument) as caught:
        load_text(dump(data), "rusak.yaml")
    message = "rusak.yaml: (akar): jumlah bobot anak = 100, padahal bobot total = 99"
    assert str(caught.value) == message


def test_float_weight_is_read_as_its_exact_decimal_text():
    data = base()
    indicator(data, 0, 0, 0)["weight"] = 14.9
    indicator(data, 0, 0, 1)["weight"] = 15.1
    instrument = load_text(dump(data))
    assert [str(i.weight) for i in instrument.indicators[:2]] == ["14.9", "15.1"]


def test_weight_sum_off_by_a_thousandth_is_rejected():
    data = base()
    indicator(data, 0, 0, 0)["weight"] = 15.001
    assert problems(data) == [
        ("domains[0].aspects[0]", "jumlah bobot anak = 30.001, padahal bobot aspek = 30")
    ]


def test_gap_in_criteria_levels_names_the_missing_level():
    data = base()
    indicator(data, 0, 0, 0)["criteria"] = {1: "a", 2: "b", 4: "d", 5: "e"}
    assert problems(data) == [
        ("domains[0].aspects[0].indicators[0].criteria", "tingkat tidak lengkap, belum ada: 3")
    ]


def test_criteria_level_outside_the_range_is_named():
    data = base()
    indicator(data, 0, 0, 0)["criteria"][6] = "enam"
    assert problems(data) == [
        ("domains[0].aspects[0].indicators[0].criteria", "tingkat di luar rentang 1-5: 6")
    ]


def test_empty_criterion_text_is_rejected():
    data = base()
    indicator(data, 0, 0, 0)["criteria"][3] = "  "
    assert problems(data) == [
        ("domains[0].aspects[0].indicators[0].criteria.3", "kriteria tingkat kosong")
    ]


def test_criterion_left_blank_in_yaml_is_rejected_as_empty():
    # `3:` with nothing after it is YAML null; it must not become the criterion text "None".
    text = dump(base()).replace("3: tiga", "3:")
    with pytest.raises(InvalidInstrument) as caught:
        load_text(text, "rusak.yaml")
    assert [(e.path, e.message) for e in caught.value.errors] == [
        ("domains[0].aspects[0].indicators[0].criteria.3", "kriteria tingkat kosong")
    ]


def test_gap_in_scale_levels_names_the_missing_level():
    data = base()
    del data["scales"][0]["levels"][2]
    assert problems(data) == [("scales[0].levels", "tingkat tidak lengkap, belum ada: 3")]


def test_scale_level_written_twice_is_rejected():
    data = base()
    data["scales"][0]["levels"].append({"level": 5, "name": "Lagi"})
    assert problems(data) == [("scales[0].levels", "ada tingkat yang ditulis dua kali")]


def test_level_range_with_min_above_max_is_rejected():
    data = base()
    data["levels"] = {"min": 5, "max": 1}
    assert ("levels", "harus 0 <= min < max <= 10") in problems(data)


def test_predikat_bands_with_a_gap_name_both_bands():
    data = base()
    data["predikat"][0]["min"] = 2.7
    assert problems(data) == [
        ("predikat", "celah antara 'Cukup' (di bawah 2.6) dan 'Baik' (mulai 2.7)")
    ]


def test_overlapping_predikat_bands_name_the_overlap():
    data = base()
    data["predikat"][0]["min"] = 2.5
    assert problems(data) == [
        ("predikat", "rentang 'Cukup' dan 'Baik' tumpang tindih (2.5 sampai 2.6)")
    ]


def test_lowest_predikat_band_with_a_min_leaves_no_band_below():
    data = base()
    data["predikat"][2]["min"] = 1
    assert problems(data) == [("predikat", "tidak ada predikat untuk nilai di bawah 1")]


def test_highest_predikat_band_with_a_below_leaves_no_band_above():
    data = base()
    data["predikat"][0]["below"] = 5
    assert problems(data) == [("predikat", "tidak ada predikat untuk nilai 5 ke atas")]


def test_predikat_band_with_min_not_below_its_upper_bound_is_rejected():
    data = base()
    data["predikat"][1] = {"name": "Cukup", "min": 2.6, "below": 1.8}
    assert ("predikat[1]", "min (2.6) harus lebih kecil dari below (1.8)") in problems(data)


def test_unknown_scale_referenced_by_an_indicator():
    data = base()
    indicator(data, 1, 0, 0)["scale"] = "layanan"
    assert problems(data) == [
        ("domains[1].aspects[0].indicators[0].scale", "skala 'layanan' tidak didefinisikan")
    ]


def test_unknown_status_lists_the_allowed_ones():
    data = base()
    data["status"] = "final"
    assert problems(data) == [
        ("status", "'final' tidak dikenal; pilih salah satu: official, provisional, unverified")
    ]


def test_unknown_predikat_rule_of_a_year():
    data = base()
    data["years"][0]["predikat_from"] = "dibulatkan"
    assert problems(data) == [("years[0].predikat_from", "pilih 'unrounded' atau 'rounded'")]


def test_evaluation_year_written_twice_is_rejected():
    data = base()
    data["years"].append({"year": 2024, "predikat_from": "rounded"})
    assert problems(data) == [("years", "ada tahun evaluasi yang ditulis dua kali")]


def test_bad_instrument_id_is_rejected():
    data = base()
    data["id"] = "SPBE 2020"
    assert problems(data) == [
        ("id", "hanya huruf kecil, angka, dan tanda hubung (contoh: spbe-2020)")
    ]


def test_schema_version_other_than_1_is_rejected():
    data = base()
    data["schema"] = 2
    assert problems(data) == [("schema", "versi skema harus 1")]


def test_duplicate_yaml_key_is_rejected_instead_of_keeping_the_last():
    text = dump(base()).replace("name: Uji\n", "name: Uji\nname: Uji Lagi\n", 1)
    with pytest.raises(InvalidInstrument) as caught:
        load_text(text, "rusak.yaml")
    [error] = caught.value.errors
    assert (error.source, error.path) == ("rusak.yaml", "")
    assert "kunci 'name' muncul dua kali" in error.message


def test_yaml_syntax_error_is_reported_with_its_line():
    with pytest.raises(InvalidInstrument) as caught:
        load_text("schema: 1\nid: [uji\n", "rusak.yaml")
    [error] = caught.value.errors
    assert (error.source, error.path) == ("rusak.yaml", "")
    assert error.message.startswith("YAML tidak valid")
    assert "line 3" in error.message


def test_yaml_mapping_with_a_list_as_key_is_reported_not_crashed():
    with pytest.raises(InvalidInstrument) as caught:
        load_text("schema: 1\n? [1, 2]\n: x\n", "rusak.yaml")
    assert caught.value.errors[0].message.startswith("YAML tidak valid")


def test_non_numeric_weight_is_named():
    data = base()
    indicator(data, 0, 0, 1)["weight"] = "satu koma tiga"
    assert (
        "domains[0].aspects[0].indicators[1].weight",
        "'satu koma tiga' bukan angka",
    ) in problems(data)


def test_decimal_comma_weight_is_not_a_number():
    data = base()
    indicator(data, 0, 0, 1)["weight"] = "1,3"
    assert ("domains[0].aspects[0].indicators[1].weight", "'1,3' bukan angka") in problems(data)


def test_negative_weight_is_rejected():
    data = base()
    indicator(data, 0, 0, 1)["weight"] = -15
    assert (
        "domains[0].aspects[0].indicators[1].weight",
        "harus berupa angka positif",
    ) in problems(data)


def test_zero_weight_is_rejected():
    data = base()
    data["domains"][1]["weight"] = 0
    assert ("domains[1].weight", "harus berupa angka positif") in problems(data)


def test_both_domains_and_aspects_present_is_rejected():
    data = base()
    data["aspects"] = [aspect(data, 0, 0)]
    assert problems(data) == [
        ("", "isi tepat salah satu: 'domains' (domain > aspek) atau 'aspects'")
    ]


def test_neither_domains_nor_aspects_present_is_rejected():
    data = base()
    del data["domains"]
    assert problems(data) == [
        ("", "isi tepat salah satu: 'domains' (domain > aspek) atau 'aspects'")
    ]


def test_aspect_without_indicators_is_rejected():
    data = base()
    aspect(data, 0, 1)["indicators"] = []
    assert ("domains[0].aspects[1].indicators", "harus berupa daftar yang tidak kosong") in (
        problems(data)
    )


def test_every_problem_in_one_file_is_reported_not_just_the_first(tmp_path):
    data = base()
    data["bobot"] = 100
    data["status"] = "final"
    indicator(data, 0, 0, 0)["criteria"] = {1: "a", 2: "b", 4: "d", 5: "e"}
    indicator(data, 1, 0, 0)["scale"] = "layanan"
    data["predikat"][0]["min"] = 2.7
    path = tmp_path / "banyak-masalah.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(InvalidInstrument) as caught:
        load_file(path)
    assert sorted(str(error) for error in caught.value.errors) == [
        "banyak-masalah.yaml: bobot: kunci tidak dikenal 'bobot'",
        "banyak-masalah.yaml: domains[0].aspects[0].indicators[0].criteria: "
        "tingkat tidak lengkap, belum ada: 3",
        "banyak-masalah.yaml: domains[1].aspects[0].indicators[0].scale: "
        "skala 'layanan' tidak didefinisikan",
        "banyak-masalah.yaml: predikat: celah antara 'Cukup' (di bawah 2.6) dan 'Baik' (mulai 2.7)",
        "banyak-masalah.yaml: status: 'final' tidak dikenal; pilih salah satu: "
        "official, provisional, unverified",
    ]


def test_exception_text_lists_every_error_on_its_own_line(tmp_path):
    data = base()
    data["bobot"] = 1
    data["status"] = "final"
    path = tmp_path / "dua.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(InvalidInstrument) as caught:
        load_file(path)
    assert len(str(caught.value).splitlines()) == 2


def test_file_that_is_not_utf8_is_reported_with_its_name(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: Instrumen Uji \xe9\n".encode("latin-1"))
    with pytest.raises(InvalidInstrument) as caught:
        load_file(path)
    [error] = caught.value.errors
    assert error.source == "latin.yaml"
    assert error.message.startswith("berkas tidak dapat dibaca")


def test_weights_with_more_than_three_decimals_are_refused():
    data = base()
    indicator(data, 0, 0, 0)["weight"] = 15.0001
    assert (
        "domains[0].aspects[0].indicators[0].weight",
        "paling banyak 3 angka di belakang koma",
    ) in problems(data)
