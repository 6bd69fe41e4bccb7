"""Crosswalk files: parsed whole, every error named with its file and node path."""

import copy

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tera.core.crosswalk import (
    Crosswalk,
    IndicatorMapping,
    InvalidCrosswalk,
    crosswalk_files,
    load_crosswalk_text,
    load_crosswalks,
    parse_crosswalk,
    rows,
    unmapped_old,
)
from tera.core.instrument import Status
from tera.core.library import SHIPPED_LIBRARY

VALID = {
    "schema": 1,
    "id": "spbe-2020--pemdi-2026",
    "from": "spbe-2020",
    "to": "pemdi-2026",
    "status": "provisional",
    "notes": ["Bacaan sendiri"],
    "mappings": [
        {"from": [1, 2], "to": [1], "note": "banyak ke satu"},
        {"from": [18], "to": [16, 18]},
        {"from": [1], "to": [5]},
    ],
}


@pytest.fixture(scope="module")
def instruments(spbe_2020, pemdi_2026):
    return {"spbe-2020": spbe_2020, "pemdi-2026": pemdi_2026}


def parsed(data, instruments):
    return parse_crosswalk(data, "padanan.yaml", instruments)


def errors_of(data, instruments):
    with pytest.raises(InvalidCrosswalk) as caught:
        parsed(data, instruments)
    return [(error.path, error.message) for error in caught.value.errors]


def changed(**top):
    data = copy.deepcopy(VALID)
    data.update(top)
    return data


def with_mapping(mapping):
    return changed(mappings=[mapping])


def test_a_valid_file_gives_its_instruments_status_and_mappings(instruments):
    crosswalk = parsed(VALID, instruments)
    assert (crosswalk.from_instrument, crosswalk.to_instrument) == ("spbe-2020", "pemdi-2026")
    assert crosswalk.status is Status.PROVISIONAL
    assert crosswalk.mappings[0] == IndicatorMapping((1, 2), (1,), "banyak ke satu")


def test_several_old_indicators_map_to_one_new_one(instruments):
    assert parsed(VALID, instruments).backward[1] == (1, 2)


def test_one_old_indicator_maps_to_several_new_ones(instruments):
    assert parsed(VALID, instruments).forward[18] == (16, 18)


def test_an_old_indicator_may_appear_in_several_mappings(instruments):
    assert parsed(VALID, instruments).forward[1] == (1, 5)


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ([1, 2], "", "harus berupa pemetaan"),
        (changed(warna="merah"), "warna", "kunci tidak dikenal 'warna'"),
        (changed(schema=2), "schema", "versi skema harus 1"),
        (changed(id="SPBE ke Pemdi"), "id", "hanya huruf kecil"),
        (changed(id=""), "id", "wajib diisi"),
        (changed(status="resmi"), "status", "'resmi' tidak dikenal"),
        (changed(to="spbe-2020"), "to", "harus instrumen lain"),
        (changed(notes="satu catatan"), "notes", "harus berupa daftar teks"),
        (changed(mappings=[]), "mappings", "daftar yang tidak kosong"),
        (changed(mappings=["1 -> 1"]), "mappings[0]", "harus berupa pemetaan"),
        (with_mapping({"from": [1], "to": [1], "bobot": 2}), "mappings[0].bobot", "tidak dikenal"),
        (with_mapping({"from": 1, "to": [1]}), "mappings[0].from", "daftar nomor indikator"),
        (with_mapping({"from": [1]}), "mappings[0].to", "daftar nomor indikator"),
        (with_mapping({"from": [1, "dua"], "to": [1]}), "mappings[0].from[1]", "'dua' bukan"),
        (with_mapping({"from": [True], "to": [1]}), "mappings[0].from[0]", "bukan nomor"),
        (with_mapping({"from": [1], "to": [3, 3]}), "mappings[0].to[1]", "ditulis dua kali"),
        (with_mapping({"from": [1], "to": [1], "note": 7}), "mappings[0].note", "wajib diisi"),
    ],
)
def test_each_kind_of_error_is_named_with_its_path(instruments, data, path, message):
    errors = errors_of(data, instruments)
    assert any(p == path and message in m for p, m in errors), errors


def test_an_instrument_missing_from_the_library_is_named(instruments):
    errors = errors_of(changed(**{"from": "spbe-2019"}), instruments)
    assert (
        "from",
        "instrumen 'spbe-2019' tidak ada di pustaka (tersedia: pemdi-2026, spbe-2020)",
    ) in errors


def test_an_old_indicator_number_must_exist_in_the_old_instrument(instruments):
    errors = errors_of(with_mapping({"from": [48], "to": [1]}), instruments)
    assert errors == [("mappings[0].from[0]", "indikator 48 tidak ada di instrumen spbe-2020")]


def test_a_new_indicator_number_must_exist_in_the_new_instrument(instruments):
    errors = errors_of(with_mapping({"from": [1], "to": [20, 21]}), instruments)
    assert errors == [("mappings[0].to[1]", "indikator 21 tidak ada di instrumen pemdi-2026")]


def test_the_same_pair_in_two_mappings_is_refused(instruments):
    data = changed(mappings=[{"from": [18], "to": [16]}, {"from": [7, 18], "to": [16]}])
    assert errors_of(data, instruments) == [
        ("mappings[1]", "padanan 18 -> 16 sudah ada di mappings[0]")
    ]


def test_every_error_of_a_file_is_reported_at_once(instruments):
    data = changed(schema=3, status="resmi", mappings=[{"from": [99], "to": [99]}])
    assert [path for path, _ in errors_of(data, instruments)] == [
        "schema",
        "status",
        "mappings[0].from[0]",
        "mappings[0].to[0]",
    ]


def test_an_error_names_the_file(instruments):
    with pytest.raises(InvalidCrosswalk) as caught:
        load_crosswalk_text("schema: 1\nid: x\n", "rusak.yaml", instruments)
    assert str(caught.value.errors[0]).startswith("rusak.yaml: ")


def test_a_key_written_twice_is_refused(instruments):
    text = yaml.safe_dump(VALID, sort_keys=False) + "status: official\n"
    with pytest.raises(InvalidCrosswalk) as caught:
        load_crosswalk_text(text, "ganda.yaml", instruments)
    assert "kunci 'status' muncul dua kali" in caught.value.errors[0].message


def test_a_stored_text_is_read_back_without_the_instruments():
    text = yaml.safe_dump(VALID, sort_keys=False)
    assert load_crosswalk_text(text, "padanan.yaml", None).backward[1] == (1, 2)


# The shipped crosswalk


@pytest.fixture(scope="module")
def shipped(library):
    crosswalks = load_crosswalks(library)
    assert crosswalks.errors == ()
    return next(
        e.crosswalk for e in crosswalks.entries if e.crosswalk.id == "spbe-2020--pemdi-2026"
    )


def test_the_shipped_crosswalk_leads_from_spbe_2020_to_pemdi_2026_and_is_provisional(shipped):
    assert (shipped.from_instrument, shipped.to_instrument) == ("spbe-2020", "pemdi-2026")
    assert shipped.status is Status.PROVISIONAL


def test_the_shipped_crosswalk_says_it_is_not_an_official_table(shipped):
    assert any("bukan tabel resmi" in note for note in shipped.notes)


def test_the_shipped_crosswalk_carries_every_spbe_2020_indicator_somewhere(shipped, spbe_2020):
    assert unmapped_old(shipped, spbe_2020) == ()


def test_pemdi_indicators_without_a_spbe_source_stay_unmapped_and_the_notes_name_them(
    shipped, spbe_2020, pemdi_2026
):
    empty = [
        row.indicator.number for row in rows(shipped, spbe_2020, pemdi_2026) if not row.earlier
    ]
    assert empty == [6, 7, 8, 11, 12]
    assert any("6 Penyelenggaraan Informasi Geospasial" in note for note in shipped.notes)


def test_the_shipped_crosswalk_maps_by_subject(shipped):
    assert shipped.forward[22] == (10,)  # manajemen keamanan informasi -> keamanan Pemdi
    assert shipped.forward[31] == (9,)  # audit keamanan -> audit keamanan Pemdi
    assert shipped.forward[16] == (14,)  # pusat data -> infrastruktur Pemdi
    assert shipped.forward[18] == (
        16,
        18,
    )  # sistem penghubung layanan -> integrasi, interoperabilitas
    assert shipped.forward[42] == (19, 20)  # pengaduan -> dukungan pengguna, kepuasan


# The library's crosswalks folder


def test_crosswalks_are_found_in_the_crosswalks_folder_of_each_library_folder(tmp_path):
    (tmp_path / "crosswalks").mkdir()
    (tmp_path / "crosswalks" / "lokal.yaml").write_text("schema: 1\n", encoding="utf-8")
    files = crosswalk_files([tmp_path])
    assert SHIPPED_LIBRARY / "crosswalks" / "spbe-2020--pemdi-2026.yaml" in files
    assert tmp_path / "crosswalks" / "lokal.yaml" in files


def test_a_broken_crosswalk_file_is_reported_and_the_others_still_load(library, tmp_path):
    (tmp_path / "crosswalks").mkdir()
    (tmp_path / "crosswalks" / "rusak.yaml").write_text("schema: 1\n", encoding="utf-8")
    crosswalks = load_crosswalks(library, [tmp_path])
    assert [entry.crosswalk.id for entry in crosswalks.entries] == ["spbe-2020--pemdi-2026"]
    assert {error.source for error in crosswalks.errors} == {"rusak.yaml"}


def test_a_second_crosswalk_for_the_same_pair_of_instruments_is_refused(library, tmp_path):
    (tmp_path / "crosswalks").mkdir()
    data = changed(id="padanan-lain")
    text = yaml.safe_dump(data, sort_keys=False)
    (tmp_path / "crosswalks" / "lain.yaml").write_text(text, encoding="utf-8")
    crosswalks = load_crosswalks(library, [tmp_path])
    assert len(crosswalks.entries) == 1
    assert "padanan spbe-2020 -> pemdi-2026 sudah ada" in crosswalks.errors[0].message


pairs = st.lists(
    st.tuples(
        st.lists(st.integers(1, 47), min_size=1, max_size=4, unique=True),
        st.lists(st.integers(1, 20), min_size=1, max_size=3, unique=True),
    ),
    min_size=1,
    max_size=8,
)


@given(pairs)
def test_forward_and_backward_hold_the_same_pairs(mappings):
    crosswalk = Crosswalk(
        "x",
        "spbe-2020",
        "pemdi-2026",
        Status.PROVISIONAL,
        tuple(IndicatorMapping(tuple(old), tuple(new)) for old, new in mappings),
    )
    forward = {(old, new) for old, news in crosswalk.forward.items() for new in news}
    backward = {(old, new) for new, olds in crosswalk.backward.items() for old in olds}
    assert forward == backward == {(o, n) for olds, news in mappings for o in olds for n in news}
