"""The instansi dashboard: the engine's numbers, OPD progress, deadlines, trend, and its cost."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from tera.assessments.actions import assign_opd
from tera.assessments.models import Answer, Contribution, DeadlineWindow, StageScore
from tera.assessments.stages import Entry, official_levels, record_stage_scores
from tera.core.numbers import format_id
from tera.core.scoring import score
from tera.evidence import actions as evidence
from tera.organizations.models import Opd
from tera.planning import actions as planning
from tera.planning.basis import basis_levels
from tera.registry.models import OfficialResult
from tera.reports.dashboard import build_dashboard
from tests.assessments.submission import lock_with_levels
from tests.assessments.test_query_counts import LARGE, SMALL, add_data, queries_of

pytestmark = pytest.mark.django_db

LEVELS = {1: 3, 2: 4, 11: 2, 32: 5}  # a few answers: the index is provisional


def answer(period, levels):
    for number, level in levels.items():
        Answer.objects.filter(period=period, indicator=number).update(level=level)


def dashboard_url(instansi):
    return reverse("reports:instansi_dashboard", args=[instansi.pk])


def marked(text, name):
    """The text of the element marked data-testid=name."""
    return text.split(f'data-testid="{name}">')[1].split("<")[0]


@pytest.fixture
def assessed(period, koordinator):
    """The self-assessment locked, then the assessors lowered indicator 1 and raised 11."""
    locked = lock_with_levels(period, koordinator, LEVELS)
    entries = {1: Entry(2), 11: Entry(3)}
    record_stage_scores(locked, "dokumen", entries, user=koordinator)
    return locked


def test_the_self_assessed_index_is_the_scoring_engine_s(period):
    answer(period, LEVELS)
    expected = score(period.definition, LEVELS, period.year)
    board = build_dashboard(period.instansi)
    assert (board.self_score.index, board.self_score.predikat) == (
        expected.index,
        expected.predikat,
    )
    assert board.self_score.provisional


def test_the_page_shows_the_self_assessed_index_and_predikat(client, period, koordinator):
    answer(period, LEVELS)
    expected = score(period.definition, LEVELS, period.year)
    client.force_login(koordinator)
    text = client.get(dashboard_url(period.instansi)).text
    assert marked(text, "self-index") == format_id(expected.index)
    assert marked(text, "self-predikat").startswith(expected.predikat)


def test_the_official_index_is_scored_from_the_recorded_stages(client, assessed, koordinator):
    expected = score(assessed.definition, official_levels(assessed), assessed.year)
    board = build_dashboard(assessed.instansi)
    assert board.official_score.index == expected.index
    client.force_login(koordinator)
    text = client.get(dashboard_url(assessed.instansi)).text
    assert marked(text, "official-index") == format_id(expected.index)


def test_before_any_stage_the_official_side_stays_empty(client, period, koordinator):
    answer(period, LEVELS)
    board = build_dashboard(period.instansi)
    assert board.official_score is None
    assert len(board.aspect_figure.data.series) == 1
    client.force_login(koordinator)
    assert marked(client.get(dashboard_url(period.instansi)).text, "official-index") == "–"


def test_the_aspects_and_domains_are_the_engine_s_self_assessed_and_official(assessed):
    mine = score(assessed.definition, LEVELS, assessed.year)
    official = score(assessed.definition, official_levels(assessed), assessed.year)
    board = build_dashboard(assessed.instansi)
    aspect_series = board.aspect_figure.data.series
    domain_series = board.domain_figure.data.series
    assert aspect_series[0].values == tuple(node.value for node in mine.aspects)
    assert aspect_series[1].values == tuple(node.value for node in official.aspects)
    assert domain_series[1].values == tuple(node.value for node in official.domains)


def test_the_aspect_radar_is_on_the_page_with_its_table(client, assessed, koordinator):
    client.force_login(koordinator)
    text = client.get(dashboard_url(assessed.instansi)).text
    figure = text.split('data-testid="aspect-figure"')[1].split("</table>")[0]
    assert 'role="img"' in figure and 'aria-labelledby="aspect-chart-title' in figure
    assert "<caption>" in figure and "3,00" in figure


def cite(period, opd, number, koordinator):
    contribution = Contribution.objects.get(period=period, opd=opd, indicator=number)
    document = evidence.add_document(
        period.instansi,
        user=koordinator,
        title=f"SK {opd.short_name}",
        category="kebijakan",
        opd=opd,
        url=f"https://{opd.pk}.example.go.id/sk",
    )
    target = Answer.objects.select_related("period__instansi").get(period=period, indicator=number)
    evidence.link_document(target, document, contribution=contribution, user=koordinator)


def test_each_opd_counts_assigned_answered_with_evidence_and_accepted(
    period, koordinator, kominfo, bappeda
):
    """Diskominfo leads 1; Bappeda helps on 1 and leads 2. Only the answer to 1 is accepted."""
    idle = Opd.objects.create(instansi=period.instansi, name="Dinas Pariwisata")
    Contribution.objects.filter(period=period, opd=kominfo, indicator=1).update(level=3)
    Contribution.objects.filter(period=period, opd=bappeda, indicator=2).update(level=2)
    cite(period, kominfo, 1, koordinator)
    Answer.objects.filter(period=period, indicator=1).update(status=Answer.Status.ACCEPTED)
    progress = {entry.opd: entry for entry in build_dashboard(period.instansi).progress}
    counts = {
        opd: (entry.assigned, entry.answered, entry.with_evidence, entry.accepted)
        for opd, entry in progress.items()
    }
    # Bappeda did not answer 1, so the accepted answer to 1 is not its own.
    assert counts == {kominfo: (1, 1, 1, 1), bappeda: (2, 1, 0, 0), idle: (0, 0, 0, 0)}


def test_an_opd_never_counts_more_accepted_than_answered_nor_answered_than_assigned(
    period, bappeda, koordinator
):
    """The case seen in the demo: an OPD helping on many indicators whose answers are accepted,
    having proposed a level on one of them only."""
    for number in range(3, 13):
        assign_opd(period, number, bappeda, lead=False, user=koordinator)
    Contribution.objects.filter(period=period, opd=bappeda, indicator=3).update(level=2)
    Answer.objects.filter(period=period, indicator__in=range(1, 13)).update(
        status=Answer.Status.ACCEPTED
    )
    entry = next(e for e in build_dashboard(period.instansi).progress if e.opd == bappeda)
    assert (entry.assigned, entry.answered, entry.accepted) == (12, 1, 1)
    for entry in build_dashboard(period.instansi).progress:
        assert entry.accepted <= entry.answered <= entry.assigned
        assert entry.with_evidence <= entry.assigned


def test_the_opd_progress_is_on_the_page_as_a_chart_and_a_table(client, period, koordinator):
    figure = client_page(client, koordinator, period).split('data-testid="progress-figure"')[1]
    chart, table = figure.split("</svg>", 1)
    assert 'aria-labelledby="opd-chart-title' in chart
    rows = table.split("</table>")[0].split("<tbody>")[1]
    assert [cells.count('<td class="num">') for cells in rows.split("</tr>")[:2]] == [4, 4]
    assert 'Badan Perencanaan Pembangunan Daerah</th><td class="num">2</td>' in rows


def client_page(client, user, period):
    client.force_login(user)
    return client.get(dashboard_url(period.instansi)).text


def test_the_deadlines_list_the_dates_the_period_has(period):
    period.answers_due, period.submission_due = date(2025, 5, 31), date(2025, 7, 15)
    period.save()
    board = build_dashboard(period.instansi, today=date(2025, 6, 1))
    assert [(due.day, due.passed) for due in board.dates] == [
        (date(2025, 5, 31), True),
        (date(2025, 7, 15), False),
    ]


def test_the_page_counts_down_to_an_open_window(client, period, koordinator):
    now = timezone.now()
    DeadlineWindow.objects.create(
        period=period,
        kind=DeadlineWindow.Kind.SANGGAHAN,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=2),
    )
    assert 'data-testid="countdown-sanggahan"' in client_page(client, koordinator, period)


def official_result(instansi, year, index):
    return OfficialResult.objects.create(
        instansi=instansi, year=year, published_name=instansi.name, index=Decimal(index)
    )


def test_the_trend_starts_with_the_registry_years_before_tera(period):
    official_result(period.instansi, 2023, "2.10")
    official_result(period.instansi, 2024, "2.45")
    data = build_dashboard(period.instansi).trend_figure.data
    assert data.labels[:2] == ("2023", "2024")
    assert period.name in data.labels[2]
    assert data.series[1].values[:2] == (Decimal("2.10"), Decimal("2.45"))


def test_the_trend_chart_and_table_write_the_registry_indexes(client, period, koordinator):
    official_result(period.instansi, 2023, "2.10")
    figure = client_page(client, koordinator, period).split('data-testid="trend-figure"')[1]
    chart, table = figure.split("</svg>", 1)
    assert ">2,10<" in chart and ">2,10<" in table


def test_an_instansi_without_a_period_still_shows_its_trend(client, other_kota, outsider):
    official_result(other_kota, 2024, "3.05")
    client.force_login(outsider)
    response = client.get(dashboard_url(other_kota))
    assert response.status_code == 200
    assert response.context["board"].period is None
    assert ">3,05<" in response.text


def test_the_target_is_drawn_on_the_trend_with_the_gap_from_the_index(period, koordinator):
    answer(period, LEVELS)
    planning.set_target(period, index=Decimal("3.5"), predikat="", user=koordinator)
    board = build_dashboard(period.instansi)
    assert board.target.gap == Fraction(7, 2) - basis_levels(period).score(period).index
    assert "3,50" in board.trend_figure.svg.split('class="reference"')[-1]


def test_the_instansi_page_links_to_the_dashboard(client, period, koordinator):
    client.force_login(koordinator)
    page = client.get(reverse("organizations:instansi", args=[period.instansi_id])).text
    assert dashboard_url(period.instansi) in page


def test_the_personal_dashboard_links_to_the_instansi_dashboard(client, period, koordinator):
    client.force_login(koordinator)
    assert dashboard_url(period.instansi) in client.get(reverse("dashboard")).text


def test_an_opd_member_sees_no_link_to_the_dashboard(client, period, opd_member):
    client.force_login(opd_member)
    page = client.get(reverse("organizations:instansi", args=[period.instansi_id])).text
    assert dashboard_url(period.instansi) not in page


def add_results(period, koordinator, size):
    """The data the dashboard adds to the busy pages': registry years, stage scores, a target."""
    for year in (2018, 2019) if size is SMALL else range(2010, 2016):
        official_result(period.instansi, year, "2.00")
    StageScore.objects.bulk_create(
        StageScore(
            period=period, indicator=number, stage=stage, level=3, entered_by=koordinator,
            entered_at=timezone.now(),
        )
        for stage in ("dokumen", "final")
        for number in range(1, (3 if size is SMALL else 30))
    )  # fmt: skip


def test_the_dashboard_runs_the_same_number_of_queries_on_more_data(
    client, period, koordinator, kominfo, django_assert_max_num_queries
):
    planning.set_target(period, index=Decimal("3.5"), predikat="", user=koordinator)
    client.force_login(koordinator)
    url = dashboard_url(period.instansi)
    add_data(period, koordinator, kominfo, SMALL)
    add_results(period, koordinator, SMALL)
    client.get(url)  # caches that fill once per process (instrument, translations) are filled
    with django_assert_max_num_queries(16):
        small = queries_of(client, url)
    add_data(period, koordinator, kominfo, LARGE)
    StageScore.objects.filter(period=period).delete()
    add_results(period, koordinator, LARGE)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert "Dinas b7" in response.text and ">2010<" in response.text


def test_the_calibration_page_draws_the_trend_above_its_table(client, period, koordinator):
    official_result(period.instansi, 2023, "2.10")
    client.force_login(koordinator)
    text = client.get(reverse("assessments:calibration", args=[period.pk])).text
    trend = text.split('id="trend-heading"')[1]
    assert trend.index('aria-labelledby="trend-chart-title') < trend.index("<table")
    assert ">2,10<" in trend.split("</svg>")[0]
