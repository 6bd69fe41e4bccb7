"""The external stages of a period: carry-over, the index per stage, hand entry and sheets."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tera.assessments.models import StageScore
from tera.assessments.stages import (
    Entry,
    comparison,
    import_stage_sheet,
    official_levels,
    record_stage_scores,
    stage_levels,
)
from tera.audit.models import AuditEntry
from tera.core.numbers import format_id
from tera.core.scoring import score
from tera.errors import ActionRefused
from tera.organizations.actions import ImportRejected
from tests.assessments.submission import lock_with_levels

pytestmark = pytest.mark.django_db

SELF_ASSESSED = {1: 3, 2: 3, 3: 2, 4: 2, 5: 4, 6: 1}


@pytest.fixture
def locked(period, koordinator):
    return lock_with_levels(period, koordinator, SELF_ASSESSED)


def record(period, stage, user, **levels):
    entries = {int(number[1:]): Entry(level) for number, level in levels.items()}
    return record_stage_scores(period, stage, entries, user=user)


def entry_page(period, stage="dokumen"):
    return reverse("assessments:stage_entry", args=[period.pk, stage])


def sheet(text, name="dokumen.csv"):
    return SimpleUploadedFile(name, text.encode())


def test_interviu_keeps_the_dokumen_levels_except_the_one_it_changes(locked, koordinator):
    record(locked, "dokumen", koordinator, i1=2, i3=1, i5=3)
    record(locked, "interviu", koordinator, i3=2)
    dokumen = stage_levels(locked, "dokumen")
    assert dokumen == {**SELF_ASSESSED, 1: 2, 3: 1, 5: 3}
    assert stage_levels(locked, "interviu") == {**dokumen, 3: 2}


def test_a_stage_without_scores_carries_the_stage_before_it(locked, koordinator):
    record(locked, "dokumen", koordinator, i1=2)
    assert stage_levels(locked, "visitasi") == stage_levels(locked, "dokumen")


def test_the_index_of_each_stage_is_the_engine_score_of_its_levels(locked, koordinator):
    record(locked, "dokumen", koordinator, i1=2, i3=1, i5=3)
    record(locked, "interviu", koordinator, i3=2)
    columns = {column.stage.value: column for column in comparison(locked).columns}
    definition = locked.definition
    for stage in ("dokumen", "interviu", "final"):
        expected = score(definition, stage_levels(locked, stage), locked.year)
        assert columns[stage].score.index == expected.index
        assert columns[stage].score.predikat == expected.predikat


def test_the_stage_page_shows_each_stage_index_beside_the_self_assessed_one(
    client, locked, koordinator
):
    record(locked, "dokumen", koordinator, i1=1)
    client.force_login(koordinator)
    response = client.get(reverse("assessments:stages", args=[locked.pk]))
    self_index = score(locked.definition, SELF_ASSESSED, locked.year).index
    dokumen_index = score(locked.definition, {**SELF_ASSESSED, 1: 1}, locked.year).index
    assert f'data-testid="stage-index-mandiri">{format_id(self_index)}<' in response.text
    assert f'data-testid="stage-index-dokumen">{format_id(dokumen_index)}<' in response.text


def test_the_stage_page_marks_recorded_levels_apart_from_carried_ones(client, locked, koordinator):
    record_stage_scores(
        locked, "dokumen", {1: Entry(1, "SK belum ditandatangani")}, user=koordinator
    )
    client.force_login(koordinator)
    text = client.get(reverse("assessments:stages", args=[locked.pk])).text
    recorded = text.split('data-testid="cell-1-dokumen">')[1].split("</td>")[0]
    carried = text.split('data-testid="cell-1-interviu">')[1].split("</td>")[0]
    assert "1 ●" in recorded and "SK belum ditandatangani" in recorded
    assert "1 ←" in carried


def test_there_are_no_official_levels_before_any_stage_is_recorded(locked):
    assert official_levels(locked) == {}


def test_the_official_levels_are_the_latest_stage_until_the_final_result(locked, koordinator):
    record(locked, "dokumen", koordinator, i1=2)
    assert official_levels(locked) == stage_levels(locked, "dokumen")
    record(locked, "final", koordinator, i1=4)
    assert official_levels(locked)[1] == 4


def test_stage_scores_wait_until_the_period_is_locked(period, koordinator):
    with translation.override("en"), pytest.raises(ActionRefused) as refused:
        record(period, "dokumen", koordinator, i1=2)
    assert "locked" in refused.value.message
    assert not StageScore.objects.exists()


def test_only_the_koordinator_enters_stage_scores(locked, asesor):
    with pytest.raises(PermissionDenied):
        record(locked, "dokumen", asesor, i1=2)


def test_a_level_outside_the_instrument_is_refused(locked, koordinator):
    with pytest.raises(ActionRefused):
        record(locked, "dokumen", koordinator, i1=9)


def test_an_entry_equal_to_the_carried_level_is_not_stored(locked, koordinator):
    assert record(locked, "dokumen", koordinator, i1=3, i2=1) == [2]
    assert list(StageScore.objects.values_list("indicator", flat=True)) == [2]


def test_a_note_alone_is_stored_with_the_carried_level(locked, koordinator):
    record_stage_scores(locked, "dokumen", {1: Entry(3, "Perlu bukti rapat")}, user=koordinator)
    stored = StageScore.objects.get()
    assert (stored.level, stored.note) == (3, "Perlu bukti rapat")


def test_each_stage_score_is_written_to_the_audit_log(locked, koordinator):
    record(locked, "dokumen", koordinator, i1=2)
    record(locked, "dokumen", koordinator, i1=1)
    entries = AuditEntry.objects.filter(action="stage.score").order_by("position")
    assert [(e.before, e.after["level"]) for e in entries] == [
        (None, 2),
        ({"stage": "dokumen", "level": 2, "note": ""}, 1),
    ]


def test_hand_entry_stores_only_the_rows_the_user_changed(client, locked, koordinator):
    client.force_login(koordinator)
    form = client.get(entry_page(locked)).context["form"]
    data = {
        form.add_prefix(name): "" if field.initial is None else field.initial
        for name, field in form.fields.items()
    }
    data.update(level_2="1", note_6="Dokumen tidak terbaca")
    response = client.post(entry_page(locked), data)
    assert response.status_code == 302
    stored = StageScore.objects.order_by("indicator").values_list("indicator", "level", "note")
    assert list(stored) == [(2, 1, ""), (6, 1, "Dokumen tidak terbaca")]


def test_hand_entry_shows_the_level_carried_from_the_previous_stage(client, locked, koordinator):
    record(locked, "dokumen", koordinator, i1=2)
    client.force_login(koordinator)
    form = client.get(entry_page(locked, "interviu")).context["form"]
    assert form.fields["level_1"].initial == 2
    assert form.fields["level_2"].initial == 3


def test_hand_entry_is_refused_with_a_message_before_the_period_is_locked(
    client, period, koordinator
):
    client.force_login(koordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(entry_page(period), {"level_1": "2"})
    assert response.status_code == 400
    assert "only after the period is locked" in response.text
    assert not StageScore.objects.exists()


def test_an_unknown_stage_has_no_entry_page(client, locked, koordinator):
    client.force_login(koordinator)
    assert client.get(entry_page(locked, "mandiri")).status_code == 404


def test_a_sheet_records_the_rows_that_change_a_level(tmp_path, locked, koordinator):
    path = tmp_path / "interviu.csv"
    path.write_text("indikator;tingkat;catatan\n1;3;\n2;2;Belum ada reviu\n")
    changed = import_stage_sheet(locked, "interviu", path, "interviu.csv", user=koordinator)
    assert changed == [2]
    assert stage_levels(locked, "interviu") == {**SELF_ASSESSED, 2: 2}


def test_a_sheet_with_bad_rows_writes_nothing_and_names_each_row(tmp_path, locked, koordinator):
    path = tmp_path / "dokumen.csv"
    path.write_text("indikator,tingkat,catatan\n1,2,ok\n99,2,\n3,tujuh,\n1,1,\n")
    with translation.override("en"), pytest.raises(ImportRejected) as rejected:
        import_stage_sheet(locked, "dokumen", path, "dokumen.csv", user=koordinator)
    problems = rejected.value.problems
    assert [problem.split(":")[0] for problem in problems] == ["row 3", "row 4", "row 5"]
    assert not StageScore.objects.exists()


def test_the_import_page_lists_every_bad_row_and_records_nothing(client, locked, koordinator):
    client.force_login(koordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"stage": "dokumen", "sheet": sheet("indikator,tingkat\n1,2\n48,2\n2,6\n")}
    response = client.post(reverse("assessments:stage_import", args=[locked.pk]), data)
    assert response.status_code == 400
    assert "row 3: indicator “48” is not in this instrument." in response.text
    assert "row 4: level “6” must be a whole number from 0 to 5." in response.text
    assert not StageScore.objects.exists()


def test_the_import_page_records_the_sheet_for_the_stage_chosen(client, locked, koordinator):
    client.force_login(koordinator)
    data = {"stage": "visitasi", "sheet": sheet("indikator,tingkat\n4,3\n", "visitasi.csv")}
    response = client.post(reverse("assessments:stage_import", args=[locked.pk]), data)
    assert response["Location"] == entry_page(locked, "visitasi")
    assert list(StageScore.objects.values_list("stage", "indicator", "level")) == [
        ("visitasi", 4, 3)
    ]


def test_a_sheet_without_the_level_column_is_refused(tmp_path, locked, koordinator):
    path = tmp_path / "dokumen.csv"
    path.write_text("nomor,keterangan\n1,baik\n")
    with pytest.raises(ImportRejected):
        import_stage_sheet(locked, "dokumen", path, "dokumen.csv", user=koordinator)
    assert not StageScore.objects.exists()
