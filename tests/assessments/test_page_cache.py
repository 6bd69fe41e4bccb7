"""The bodies of the indicator and period pages and the OPD task list come from the cache until
anything they show changes, and each user gets the body for their own rights, their own part in
the review and their own CSRF token."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.models import Contribution
from tera.assessments.page_cache import CSRF_PLACEHOLDER
from tera.organizations.models import Membership
from tests.assessments.test_self_review import submitted
from tests.conftest import member

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def indicator_url(period, number=1):
    return reverse("assessments:indicator", args=[period.pk, number])


def visit(client, period, number=1):
    response = client.get(indicator_url(period, number))
    assert response.status_code == 200
    return response.content.decode()


def logged_in(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


def body_of(html):
    """The page from its body on, with the session's tokens taken out."""
    return TOKEN.sub("", html[html.index('<div id="indicator-body">') :])


def test_a_second_visit_shows_the_same_body_with_fewer_queries(koordinator, period):
    client = logged_in(koordinator)
    with CaptureQueriesContext(connection) as first_queries:
        first = visit(client, period)
    with CaptureQueriesContext(connection) as second_queries:
        second = visit(client, period)
    assert len(second_queries) < len(first_queries) - 4
    assert body_of(second) == body_of(first)


def test_a_cached_body_carries_each_session_its_own_working_token(koordinator, period):
    url = reverse("assessments:answer_submit", args=[period.pk, 1])
    for _session in range(2):
        client = logged_in(koordinator, enforce_csrf_checks=True)
        html = visit(client, period)
        assert CSRF_PLACEHOLDER not in html
        token = TOKEN.search(html).group(1)
        refused = client.post(url, {"version": "1"})
        accepted = client.post(url, {"version": "1", "csrfmiddlewaretoken": token})
        assert refused.status_code == 403
        assert accepted.status_code != 403


def test_a_saved_answer_shows_at_the_next_visit(koordinator, period):
    client = logged_in(koordinator)
    visit(client, period)
    answer = period.answers.select_related("period__instansi", "period__instrument").get(
        indicator=1
    )
    actions.save_answer(
        answer, version=answer.version, level=3, fakta="Perwali 12/2025 terbit", analisis="",
        level_source=None, user=koordinator,
    )  # fmt: skip
    assert "Perwali 12/2025 terbit" in visit(client, period)


def test_an_opd_contribution_shows_to_the_koordinator_at_the_next_visit(
    koordinator, opd_member, period
):
    client = logged_in(koordinator)
    visit(client, period)
    contribution = Contribution.objects.select_related("period__instansi").get(
        period=period, indicator=1, opd__short_name="Diskominfo"
    )
    actions.save_contribution(
        contribution, version=contribution.version, level=2, fakta="Aplikasi SRIKANDI dipakai",
        analisis="", user=opd_member,
    )  # fmt: skip
    assert "Aplikasi SRIKANDI dipakai" in visit(client, period)


def test_users_with_other_rights_do_not_share_a_body(koordinator, pimpinan, opd_member, period):
    save_url = reverse("assessments:answer_save", args=[period.pk, 1])
    contribution = Contribution.objects.get(period=period, indicator=1, opd__short_name="Bappeda")
    bappeda_form = reverse("assessments:contribution_save", args=[contribution.pk])
    as_koordinator = visit(logged_in(koordinator), period)
    as_pimpinan = visit(logged_in(pimpinan), period)
    as_opd_member = visit(logged_in(opd_member), period)
    assert save_url in as_koordinator and bappeda_form in as_koordinator
    assert save_url not in as_pimpinan and bappeda_form not in as_pimpinan
    assert save_url not in as_opd_member and bappeda_form not in as_opd_member
    assert 'data-testid="provisional-index"' in as_pimpinan
    assert 'data-testid="provisional-index"' not in as_opd_member


def test_the_submitter_and_another_reviewer_each_see_their_own_part(koordinator, kota, period):
    second_koordinator = member("koordinator-2", kota, Membership.Role.KOORDINATOR)
    submitted(period, koordinator)
    other_reviewer = visit(logged_in(second_koordinator), period)
    submitter = visit(logged_in(koordinator), period)
    assert 'data-testid="self-review"' in submitter
    assert 'data-testid="self-review"' not in other_reviewer


def period_page(client, period, **query):
    response = client.get(reverse("assessments:period", args=[period.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_period_body_follows_a_level_saved_by_another_reviewer(koordinator, asesor, period):
    client = logged_in(koordinator)
    review_link = reverse("assessments:period", args=[period.pk]) + "?status=submitted"
    assert review_link not in period_page(client, period)
    submitted(period, asesor, number=2)
    assert review_link in period_page(client, period)


def test_the_period_body_differs_by_rights_and_by_filter(koordinator, opd_member, period):
    submitted(period, koordinator, number=2)
    indicator_2 = reverse("assessments:indicator", args=[period.pk, 2])
    as_koordinator = period_page(logged_in(koordinator), period)
    as_opd_member = period_page(logged_in(opd_member), period)
    only_drafts = period_page(logged_in(koordinator), period, status="draft")
    assert indicator_2 in as_koordinator and 'data-testid="next-step"' in as_koordinator
    assert indicator_2 not in as_opd_member and 'data-testid="next-step"' not in as_opd_member
    assert indicator_2 not in only_drafts


def task_list(client, **query):
    response = client.get(reverse("assessments:tasks"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_opds_task_list_follows_a_new_assignment_and_is_its_own(
    koordinator, opd_member, other_opd_member, period, kominfo
):
    indicator_2 = indicator_url(period, 2)
    kominfo_client = logged_in(opd_member)
    assert indicator_2 not in task_list(kominfo_client)
    assert indicator_2 in task_list(logged_in(other_opd_member))
    actions.assign_opd(period, 2, kominfo, lead=False, user=koordinator)
    assert indicator_2 in task_list(kominfo_client)


def test_members_of_one_opd_share_their_list_and_its_filters_stay_apart(
    opd_member, kota, kominfo, period
):
    colleague = member("staf-kominfo-2", kota, Membership.Role.OPD, kominfo)
    first = task_list(logged_in(opd_member))
    with CaptureQueriesContext(connection) as queries:
        second = task_list(logged_in(colleague))
    fragment = logged_in(colleague).get(reverse("assessments:tasks"), HTTP_HX_REQUEST="true")
    submitted_only = task_list(logged_in(colleague), status="submitted")
    assert not [q for q in queries.captured_queries if "assessments_contribution" in q["sql"]]
    assert fragment.content.decode().strip().startswith('<div id="task-list">')
    assert fragment.content.decode() in first and fragment.content.decode() in second
    assert indicator_url(period, 1) in first
    assert indicator_url(period, 1) not in submitted_only
