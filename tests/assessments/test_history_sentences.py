"""The history reads as sentences with names, not as action codes and ids."""

import pytest
from django.conf import settings
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.models import Contribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    """The sentences are checked as written in the code; one test reads the Indonesian."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def history_of(client, period, number=None):
    if number is None:
        return client.get(reverse("assessments:history", args=[period.pk])).text
    return client.get(reverse("assessments:indicator", args=[period.pk, number])).text


def submit_kominfo(period, kominfo, opd_member):
    contribution = Contribution.objects.get(period=period, indicator=1, opd=kominfo)
    contribution = actions.save_contribution(
        contribution, version=1, level=3, fakta="Perwali", analisis="", user=opd_member
    )
    actions.submit_contribution(contribution, version=contribution.version, user=opd_member)


def test_an_assignment_names_the_opd_and_the_indicator(client, english, koordinator, period):
    client.force_login(koordinator)
    text = history_of(client, period, 1)
    assert "koordinator assigned Dinas Komunikasi dan Informatika to indicator 1." in text
    assert "opd: - -&gt; 1" not in text and "assignment.add" not in text


def test_a_submitted_contribution_reads_as_a_sentence(
    client, english, koordinator, opd_member, kominfo, period
):
    opd_member.first_name, opd_member.last_name = "Sari", "Dewi"
    opd_member.save()
    submit_kominfo(period, kominfo, opd_member)
    client.force_login(koordinator)
    text = history_of(client, period, 1)
    assert (
        "Sari Dewi submitted the contribution of Dinas Komunikasi dan Informatika to indicator 1."
        in text
    )
    assert "contribution.submit" not in text


def test_changed_fields_have_labels_and_readable_values(
    client, english, koordinator, opd_member, kominfo, period
):
    submit_kominfo(period, kominfo, opd_member)
    client.force_login(koordinator)
    text = history_of(client, period, 1)
    assert '<span class="field">Lead OPD</span>: – → yes' in text
    assert '<span class="field">OPD</span>: – → Dinas Komunikasi dan Informatika' in text
    assert '<span class="field">Status</span>: Draft → Submitted' in text
    assert '<span class="field">Is_lead' not in text
    assert '<span class="field">Analysis</span>' not in text  # nothing written: not a change


def test_the_period_history_names_each_indicator_in_indonesian(client, koordinator, period):
    client.force_login(koordinator)
    text = history_of(client, period)
    assert (
        "koordinator menugaskan Dinas Komunikasi dan Informatika ke indikator 1 (Tingkat "
        "Kematangan Kebijakan Internal Arsitektur SPBE"
    ) in text
    assert "koordinator membuka periode." in text
