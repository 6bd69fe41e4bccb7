"""The external stages: order, carry-over of unscored indicators, and the official levels."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tera.core.stages import (
    EXTERNAL_STAGES,
    STAGES,
    Stage,
    StageLevel,
    effective,
    effective_levels,
    latest_recorded_stage,
    official_levels,
    previous_stage,
)

SELF = {1: 2, 2: 2, 3: 3, 4: 1, 5: 4}


def test_the_stages_run_from_the_self_assessment_to_the_final_result():
    assert STAGES == (Stage.MANDIRI, Stage.DOKUMEN, Stage.INTERVIU, Stage.VISITASI, Stage.FINAL)
    assert EXTERNAL_STAGES == (Stage.DOKUMEN, Stage.INTERVIU, Stage.VISITASI, Stage.FINAL)


def test_each_stage_carries_from_the_one_before_it():
    assert previous_stage(Stage.DOKUMEN) is Stage.MANDIRI
    assert previous_stage(Stage.FINAL) is Stage.VISITASI


def test_the_self_assessment_has_no_previous_stage():
    with pytest.raises(ValueError):
        previous_stage(Stage.MANDIRI)


def test_interviu_keeps_dokumen_levels_except_what_it_changes():
    recorded = {Stage.DOKUMEN: {1: 1, 2: 3, 3: 2}, Stage.INTERVIU: {2: 4}}
    levels = effective_levels(SELF, recorded, Stage.INTERVIU)
    assert levels == {1: 1, 2: 4, 3: 2, 4: 1, 5: 4}


def test_each_level_names_the_stage_that_set_it():
    recorded = {Stage.DOKUMEN: {1: 1}, Stage.INTERVIU: {1: 2, 3: 4}}
    levels = effective(SELF, recorded, Stage.FINAL)
    assert levels[1] == StageLevel(2, Stage.INTERVIU)
    assert levels[3] == StageLevel(4, Stage.INTERVIU)
    assert levels[4] == StageLevel(1, Stage.MANDIRI)


def test_a_later_stage_does_not_change_an_earlier_one():
    recorded = {Stage.DOKUMEN: {1: 1}, Stage.FINAL: {1: 5}}
    assert effective_levels(SELF, recorded, Stage.DOKUMEN)[1] == 1


def test_an_indicator_not_self_assessed_gets_the_level_an_assessor_records():
    levels = effective_levels({}, {Stage.DOKUMEN: {7: 2}}, Stage.VISITASI)
    assert levels == {7: 2}


def test_a_skipped_visitasi_carries_the_interviu_into_the_final_result():
    recorded = {Stage.DOKUMEN: {1: 1}, Stage.INTERVIU: {2: 3}}
    assert effective_levels(SELF, recorded, Stage.FINAL) == effective_levels(
        SELF, recorded, Stage.INTERVIU
    )


def test_the_latest_recorded_stage_ignores_stages_without_scores():
    recorded = {Stage.DOKUMEN: {1: 1}, Stage.INTERVIU: {}, Stage.VISITASI: {}}
    assert latest_recorded_stage(recorded) is Stage.DOKUMEN
    assert latest_recorded_stage({}) is None


def test_there_are_no_official_levels_before_any_stage_is_recorded():
    assert official_levels(SELF, {}) == {}


def test_the_official_levels_are_the_final_result_when_there_is_one():
    recorded = {Stage.DOKUMEN: {1: 1}, Stage.FINAL: {1: 3, 5: 5}}
    assert official_levels(SELF, recorded) == {1: 3, 2: 2, 3: 3, 4: 1, 5: 5}


def test_the_official_levels_are_the_latest_stage_before_the_final_result():
    recorded = {Stage.DOKUMEN: {1: 1}, Stage.INTERVIU: {2: 4}}
    assert official_levels(SELF, recorded) == effective_levels(SELF, recorded, Stage.INTERVIU)


levels_by_indicator = st.dictionaries(
    st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=5), max_size=12
)
recorded_stages = st.dictionaries(st.sampled_from(EXTERNAL_STAGES), levels_by_indicator)


@given(self_assessed=levels_by_indicator, recorded=recorded_stages)
def test_a_stage_is_the_previous_stage_with_its_own_scores_laid_over_it(self_assessed, recorded):
    for stage in EXTERNAL_STAGES:
        before = effective_levels(self_assessed, recorded, previous_stage(stage))
        expected = {**before, **recorded.get(stage, {})}
        assert effective_levels(self_assessed, recorded, stage) == expected


@given(self_assessed=levels_by_indicator, recorded=recorded_stages)
def test_an_unscored_indicator_keeps_the_latest_earlier_value(self_assessed, recorded):
    for stage in EXTERNAL_STAGES:
        levels = effective(self_assessed, recorded, stage)
        for number, value in levels.items():
            scored_at = [
                s for s in STAGES[1 : STAGES.index(stage) + 1] if number in recorded.get(s, {})
            ]
            if scored_at:
                assert value == StageLevel(recorded[scored_at[-1]][number], scored_at[-1])
            else:
                assert value == StageLevel(self_assessed[number], Stage.MANDIRI)
