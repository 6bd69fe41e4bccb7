"""Broken instrument files are rejected whole, each problem named with file and node path."""

import copy

import pytest
import yaml

from tera.core.loader import InvalidInstrument, load_file, load_text

BASE = {
    "schema": 1,
    "id": "uji",
    "name": "Uji",
    "regulation": "Peraturan Uji",
    "status": "official",
    "levels": {"min": 1, "max": 3},
    "scales": [
        {
            "id": "s",
            "name": "Skala",
            "levels": [
                {"level": 1, "name": "Satu"},
                {"level": 2, "name": "Dua"},
                {"level": 3, "name": "Tiga"},
            ],
        }
    ],
    "predikat": [{"name": "Baik", "min": 2}, {"name": "Kurang", "below": 2}],
    "domains": [
        {
            "number": 1,
            "name": "D1",
            "weight": 100,
            "aspects": [
                {
                    "number": 1,
                    "name": "A1",
                    "weight": 60,
                    "indicators": [
                        {
                            "number": 1,
                            "name": "I1",
                            "weight": 30,
                            "scale": "s",
                            "criteria": {1: "satu", 2: "dua", 3: "tiga"},
                        },
                        {"number": 2, "name": "I2", "weight": 30, "scale": "s"},
                    ],
                },
                {
                    "number": 2,
                    "name": "A2",
                    "weight": 40,
                    "indicators": [{"number": 3, "name": "I3", "weight": 40, "scale": "s"}],
                },
            ],
        }
    ],
}


def errors_of(mutate):
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(InvalidInstrument) as caught:
        load_text(yaml.safe_dump(data, allow_unicode=True), "rusak.yaml")
    return [str(error) for error in caught.value.errors]


def first_indicator(data):
    return data["domains"][0]["aspects"][0]["indicators"][0]


def test_the_base_file_is_valid():
    assert len(load_text(yaml.safe_dump(BASE)).indicators) == 3


def test_unknown_root_key():
    errors = errors_of(lambda d: d.update(bobot=1))
    assert errors == ["rusak.yaml: bobot: kunci tidak dikenal 'bobot'"]


def test_unknown_key_deep_in_an_indicator():
    errors = errors_of(lambda d: first_indicator(d).update(nilai=3))
    assert errors == [
        "rusak.yaml: domains[0].aspects[0].indicators[0].nilai: kunci tidak dikenal 'nilai'"
    ]


def test_duplicate_indicator_number_in_another_aspect():
    errors = errors_of(lambda d: d["domains"][0]["aspects"][1]["indicators"][0].update(number=1))
    assert errors == [
        "rusak.yaml: domains[0].aspects[1].indicators[0].number: nomor indikator 1 "
        "sudah dipakai di domains[0].aspects[0].indicators[0]"
    ]


def test_duplicate_aspect_number():
    errors = errors_of(lambda d: d["domains"][0]["aspects"][1].update(number=1))
    assert "rusak.yaml: domains[0].aspects[1].number: nomor aspek 1 sudah dipakai" in errors[0]


def test_indicator_weights_not_adding_up_to_the_aspect():
    errors = errors_of(lambda d: first_indicator(d).update(weight=31))
    assert errors == [
        "rusak.yaml: domains[0].aspects[0]: jumlah bobot anak = 61, padahal bobot aspek = 60"
    ]


def test_aspect_weights_not_adding_up_to_the_domain():
    def mutate(data):
        data["domains"][0]["aspects"][1]["weight"] = 41
        data["domains"][0]["aspects"][1]["indicators"][0]["weight"] = 41

    assert errors_of(mutate) == [
        "rusak.yaml: domains[0]: jumlah bobot anak = 101, padahal bobot domain = 100"
    ]


def test_domain_weights_not_adding_up_to_100():
    errors = errors_of(lambda d: d.update(total_weight=90))
    assert errors == ["rusak.yaml: (akar): jumlah bobot anak = 100, padahal bobot total = 90"]


def test_weight_rounding_noise_below_tolerance_is_accepted_but_not_above():
    data = copy.deepcopy(BASE)
    first_indicator(data)["weight"] = "30.0000000001"  # aspect sum off by 1e-10
    assert load_text(yaml.safe_dump(data)).aspects[0].weight == 60
    first_indicator(data)["weight"] = "30.000001"
    with pytest.raises(InvalidInstrument, match="jumlah bobot anak"):
        load_text(yaml.safe_dump(data))


def test_gap_in_criteria_levels():
    errors = errors_of(lambda d: first_indicator(d).update(criteria={1: "a", 3: "c"}))
    assert errors == [
        "rusak.yaml: domains[0].aspects[0].indicators[0].criteria: "
        "tingkat tidak lengkap, belum ada: 2"
    ]


def test_criteria_level_outside_the_range():
    errors = errors_of(lambda d: first_indicator(d)["criteria"].update({4: "empat"}))
    assert errors == [
        "rusak.yaml: domains[0].aspects[0].indicators[0].criteria: tingkat di luar rentang 1-3: 4"
    ]


def test_gap_in_scale_levels():
    errors = errors_of(lambda d: d["scales"][0]["levels"].pop(1))
    assert errors == ["rusak.yaml: scales[0].levels: tingkat tidak lengkap, belum ada: 2"]


def test_predikat_bands_with_a_gap():
    errors = errors_of(
        lambda d: d.update(predikat=[{"name": "Baik", "min": 2.5}, {"name": "Kurang", "below": 2}])
    )
    assert errors == [
        "rusak.yaml: predikat: celah antara 'Kurang' (di bawah 2) dan 'Baik' (mulai 2.5)"
    ]


def test_predikat_bands_overlapping():
    errors = errors_of(
        lambda d: d.update(predikat=[{"name": "Baik", "min": 1.5}, {"name": "Kurang", "below": 2}])
    )
    assert errors == [
        "rusak.yaml: predikat: rentang 'Kurang' dan 'Baik' tumpang tindih (1.5 sampai 2)"
    ]


def test_lowest_band_must_be_open_below():
    errors = errors_of(lambda d: d["predikat"][1].update(min=1))
    assert errors == ["rusak.yaml: predikat: tidak ada predikat untuk nilai di bawah 1"]


def test_unknown_scale():
    errors = errors_of(lambda d: first_indicator(d).update(scale="x"))
    assert errors == [
        "rusak.yaml: domains[0].aspects[0].indicators[0].scale: skala 'x' tidak didefinisikan"
    ]


def test_unknown_status():
    errors = errors_of(lambda d: d.update(status="final"))
    assert errors == [
        "rusak.yaml: status: 'final' tidak dikenal; pilih salah satu: "
        "official, provisional, unverified"
    ]


def test_non_numeric_and_negative_weights():
    def mutate(data):
        first_indicator(data)["weight"] = "tiga puluh"
        data["domains"][0]["aspects"][1]["indicators"][0]["weight"] = -40

    errors = errors_of(mutate)
    assert (
        "rusak.yaml: domains[0].aspects[0].indicators[0].weight: 'tiga puluh' bukan angka" in errors
    )
    assert (
        "rusak.yaml: domains[0].aspects[1].indicators[0].weight: harus berupa angka positif"
        in errors
    )


def test_both_domains_and_aspects():
    errors = errors_of(lambda d: d.update(aspects=[]))
    assert errors == [
        "rusak.yaml: (akar): isi tepat salah satu: 'domains' (domain > aspek) atau 'aspects'"
    ]


def test_duplicate_yaml_key():
    with pytest.raises(InvalidInstrument, match="kunci 'id' muncul dua kali"):
        load_text("schema: 1\nid: a\nid: b\n", "rusak.yaml")


def test_yaml_syntax_error():
    with pytest.raises(InvalidInstrument, match="rusak.yaml: \\(akar\\): YAML tidak valid"):
        load_text("schema: [1\n", "rusak.yaml")


def test_every_problem_of_a_file_is_reported_with_the_file_name(tmp_path):
    data = copy.deepcopy(BASE)
    data["extra"] = True
    data["status"] = "final"
    first_indicator(data)["scale"] = "x"
    path = tmp_path / "banyak.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InvalidInstrument) as caught:
        load_file(path)
    assert len(caught.value.errors) == 3
    assert all(str(error).startswith("banyak.yaml: ") for error in caught.value.errors)
