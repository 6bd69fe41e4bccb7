"""The `tera` console command: score, plan and instruments."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.core.test_pemdi_2026 import ACEH_TENGAH_2026

TERA = [sys.executable, "-c", "from tera.cli import main; main()"]


def tera(*args, cwd=None):
    return subprocess.run([*TERA, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def write_levels(path: Path, levels: dict[int, int]) -> Path:
    rows = ["indicator,level", *(f"{n},{level}" for n, level in levels.items())]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def worked_example_levels() -> dict[int, int]:
    """All indicators at 3 except aspect 2 = 3,4,3,2 (the regulation's aspect example)."""
    levels = dict.fromkeys(range(1, 48), 3)
    levels.update({11: 3, 12: 4, 13: 3, 14: 2})
    return levels


def test_score_json_has_the_documented_fields(tmp_path):
    result = tera("score", str(write_levels(tmp_path / "a.csv", worked_example_levels())), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["index"] == "3" and data["index_display"] == "3.00"
    assert data["predikat"] == "Baik" and data["coverage"] == "1"
    assert len(data["domains"]) == 4 and len(data["aspects"]) == 8
    assert data["aspects"][1]["index"] == {"exact": "3", "display": "3.00"}


def test_score_reads_xlsx_and_explains(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indikator", "Tingkat"])
    for number, level in worked_example_levels().items():
        sheet.append([number, level])
    workbook.save(tmp_path / "levels.xlsx")
    result = tera("score", str(tmp_path / "levels.xlsx"), "--explain")
    assert result.returncode == 0, result.stderr
    expected = "Indeks Aspek 2 (Perencanaan Strategis SPBE) = (3×2,5 + 4×2,5 + 3×2,5 + 2×2,5) / 10"
    assert f"{expected} = 3,00" in result.stdout


def test_partial_sheet_is_scored_as_provisional(tmp_path):
    result = tera("score", str(write_levels(tmp_path / "a.csv", {1: 4, 32: 2})), "--json")
    data = json.loads(result.stdout)
    assert data["final"] is False
    assert data["coverage"] == "0.0405"  # (1.3 + 2.75) / 100


def test_year_selects_the_predikat_rule(tmp_path):
    at_three = {
        1,
        2,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        17,
        18,
        19,
        21,
        22,
        23,
        24,
        25,
        26,
        31,
        32,
        34,
        35,
        36,
        37,
        38,
        39,
        40,
        44,
    }
    levels = {n: 3 if n in at_three else 2 for n in range(1, 48)}
    path = write_levels(tmp_path / "a.csv", levels)
    rounded = json.loads(tera("score", str(path), "--json", "--year", "2023").stdout)
    unrounded = json.loads(tera("score", str(path), "--json", "--year", "2024").stdout)
    assert rounded["index"] == unrounded["index"] == "2.596"
    assert rounded["predikat"] == "Baik"  # 2.596 -> 2.60
    assert unrounded["predikat"] == "Cukup"


def test_bad_level_gives_exit_status_2_and_one_message(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("indicator,level\n1,3\n2,tujuh\n", encoding="utf-8")
    result = tera("score", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "baris 3" in result.stderr and "Traceback" not in result.stderr


def test_unknown_year_is_refused(tmp_path):
    result = tera("score", str(write_levels(tmp_path / "a.csv", {1: 3})), "--year", "1999")
    assert result.returncode == 2 and "tahun 1999" in result.stderr


def test_plan_json_reaches_the_target(tmp_path):
    levels = dict.fromkeys(range(1, 48), 2)
    result = tera(
        "plan", str(write_levels(tmp_path / "a.csv", levels)), "--target", "3,00", "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reachable"] is True
    assert float(data["index_after"]) >= 3.0
    assert data["total_cost"] == str(len(data["steps"]))
    assert {"indicator", "from", "to", "cost"} <= set(data["steps"][0])


def test_plan_uses_the_costs_file(tmp_path):
    levels = dict.fromkeys(range(1, 48), 5)
    levels.update({1: 4, 42: 4})
    costs = tmp_path / "costs.csv"
    costs.write_text("indicator,cost\n42,100\n1,1\n", encoding="utf-8")
    # from 4.9585 to 5.00 both must be raised; cost is exact
    result = tera(
        "plan",
        str(write_levels(tmp_path / "a.csv", levels)),
        "--target",
        "5",
        "--costs",
        str(costs),
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["total_cost"] == "101"


def test_plan_says_when_the_target_cannot_be_reached(tmp_path):
    result = tera("plan", str(write_levels(tmp_path / "a.csv", {1: 3})), "--target", "5.5")
    assert result.returncode == 2 and "target" in result.stderr


def test_plan_to_predikat_by_name(tmp_path):
    levels = dict.fromkeys(range(1, 48), 3)
    result = tera(
        "plan", str(write_levels(tmp_path / "a.csv", levels)), "--target", "sangat baik", "--json"
    )
    data = json.loads(result.stdout)
    assert data["predikat_after"] == "Sangat Baik"
    assert data["next_predikat"]["predikat"] == "Sangat Baik"


def test_instruments_list_and_show():
    listed = tera("instruments", "list")
    assert listed.returncode == 0
    assert all(code in listed.stdout for code in ("spbe-2018", "spbe-2020", "pemdi-2026"))
    shown = tera("instruments", "show", "pemdi-2026")
    assert "Kepuasan Pengguna Layanan Digital Pemerintah" in shown.stdout


def test_validate_reports_every_error_with_its_path(tmp_path):
    broken = tmp_path / "rusak.yaml"
    text = Path("tera/instruments/library/pemdi-2026.yaml").read_text(encoding="utf-8")
    broken.write_text(
        text.replace("weight: 15\n", "weight: 16\n", 1).replace(
            "scale: nilai_pemdi", "scale: tidak_ada", 1
        ),
        encoding="utf-8",
    )
    result = tera("instruments", "validate", str(broken))
    assert result.returncode == 2
    assert "rusak.yaml: aspects[0].indicators[0].scale: skala 'tidak_ada'" in result.stderr
    assert "jumlah bobot" in result.stderr


@pytest.mark.django_db
def test_manage_py_runs_the_same_commands(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "score",
        str(write_levels(tmp_path / "a.csv", worked_example_levels())),
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["predikat"] == "Baik"


def test_score_takes_the_decimal_values_of_pemdi_2026(tmp_path):
    path = write_levels(tmp_path / "aceh.csv", ACEH_TENGAH_2026)
    result = tera("score", str(path), "--instrument", "pemdi-2026", "--year", "2026", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["index"] == "1.2415" and data["index_display"] == "1.24"
    assert data["predikat"] == "Kurang"
    assert [a["index"]["display"] for a in data["aspects"]] == [
        "1.75", "1.28", "1.00", "1.17", "1.09", "1.40", "1.18",
    ]  # fmt: skip


def test_score_refuses_a_pemdi_value_outside_the_scale_in_indonesian(tmp_path):
    path = write_levels(tmp_path / "a.csv", {1: "5.5"})
    result = tera("score", str(path), "--instrument", "pemdi-2026")
    assert result.returncode == 2
    assert "1,00 sampai 5,00" in result.stderr


def test_score_names_the_converted_indicators_counted_as_1(tmp_path):
    path = write_levels(tmp_path / "a.csv", {1: "2.5"})
    result = tera("score", str(path), "--instrument", "pemdi-2026")
    assert result.returncode == 0, result.stderr
    assert "dihitung 1 (aturan asesor)" in result.stdout


def test_show_lists_the_criteria_of_every_pemdi_indicator_and_level():
    shown = tera("instruments", "show", "pemdi-2026").stdout
    assert "(kriteria tingkat belum tersedia)" not in shown
    blocks = re.split(r"\n {4,5}(?=\d{1,2}\. )", shown)[1:]
    assert len(blocks) == 20
    for block in blocks:
        assert [f"Tingkat {level}:" in block for level in range(1, 6)] == [True] * 5, block[:80]
    assert "19. Tingkat Kematangan Fasilitas Dukungan Pengguna" in shown and "(10%)" in shown
    assert "Data dukung 2.1:" in shown
    assert "Indeks SDI" in shown  # the rule of a converted indicator
