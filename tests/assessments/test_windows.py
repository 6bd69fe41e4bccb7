"""Deadline windows: evidence in a locked period, objections, and the countdown everyone sees."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from tera.assessments import windows
from tera.assessments.models import Answer, Contribution, DeadlineWindow, Objection
from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.evidence import actions as evidence
from tera.evidence.models import Document, EvidenceLink
from tests.assessments.submission import lock_with_levels

pytestmark = pytest.mark.django_db

Kind = DeadlineWindow.Kind
INTERVIEW = date(2025, 6, 10)


@pytest.fixture
def locked(period, koordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return lock_with_levels(period, koordinator, {1: 3, 2: 2})


def open_window(period, kind, user, *, opened=timedelta(hours=1), closes=timedelta(days=2)):
    now = timezone.now()
    return windows.set_window(
        period, kind, opens_at=now - opened, closes_at=now + closes, user=user
    )


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(client, period, contribution):
    return client.post(
        reverse("evidence:upload_for_answer", args=[period.pk, 1]),
        {
            "upload-title": "Notulen interviu",
            "upload-category": "lainnya",
            "upload-file": SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\nnotulen\n%%EOF\n"),
            "contribution": contribution.pk,
        },
    )


def kominfo_contribution(period, kominfo):
    return Contribution.objects.get(period=period, indicator=1, opd=kominfo)


def answer_of(period, number):
    return Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )


def url_document(period, user, title="Portal layanan"):
    return evidence.add_document(
        period.instansi, user=user, title=title, category="layanan", url="https://x.go.id/"
    )


def test_the_reupload_window_runs_to_the_end_of_the_third_day_after_the_interview():
    opens_at, closes_at = windows.reupload_span(INTERVIEW)
    assert opens_at == datetime(2025, 6, 9, 17, 0, tzinfo=UTC)
    assert closes_at == datetime(2025, 6, 13, 16, 59, 59, tzinfo=UTC)


def test_evidence_uploaded_after_the_window_is_refused_naming_when_it_closed(
    client, locked, koordinator, opd_member, kominfo
):
    windows.set_reupload_after_interview(locked, INTERVIEW, user=koordinator)
    english(client).force_login(opd_member)
    response = upload(client, locked, kominfo_contribution(locked, kominfo))
    assert response.status_code == 400
    assert "window closed on 13 June 2025, 23:59 WIB" in response.text
    assert not Document.objects.filter(title="Notulen interviu").exists()


def test_evidence_uploaded_inside_the_window_is_accepted_and_marked(
    client, locked, koordinator, opd_member, kominfo
):
    window = open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    client.force_login(opd_member)
    assert upload(client, locked, kominfo_contribution(locked, kominfo)).status_code == 302
    link = EvidenceLink.objects.get(document__title="Notulen interviu")
    assert link.added_in_window == window


def test_the_indicator_page_shows_the_evidence_added_in_the_window(
    client, locked, koordinator, opd_member, kominfo
):
    open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    client.force_login(opd_member)
    upload(client, locked, kominfo_contribution(locked, kominfo))
    response = client.get(reverse("assessments:indicator", args=[locked.pk, 1]))
    assert response.text.count('data-testid="added-in-window"') == 1


def test_evidence_before_the_window_opens_is_refused_naming_when_it_opens(locked, koordinator):
    opens_at = datetime(2099, 1, 5, 1, 0, tzinfo=UTC)
    windows.set_window(
        locked,
        Kind.UNGGAH_ULANG,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=3),
        user=koordinator,
    )
    with translation.override("en"), pytest.raises(ActionRefused) as refused:
        evidence.link_document(
            answer_of(locked, 1), url_document(locked, koordinator), user=koordinator
        )
    assert "opens on 5 January 2099, 08:00 WIB" in refused.value.message


def test_a_locked_period_without_a_window_refuses_new_evidence(locked, koordinator):
    with pytest.raises(ActionRefused):
        evidence.link_document(
            answer_of(locked, 1), url_document(locked, koordinator), user=koordinator
        )
    assert not EvidenceLink.objects.filter(document__title="Portal layanan").exists()


def test_in_the_window_an_opd_member_still_cites_only_for_their_own_opd(
    locked, koordinator, opd_member, bappeda
):
    open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    theirs = Contribution.objects.get(period=locked, indicator=1, opd=bappeda)
    with pytest.raises(PermissionDenied):
        evidence.link_document(
            answer_of(locked, 1),
            url_document(locked, koordinator),
            contribution=theirs,
            user=opd_member,
        )


def test_in_the_window_only_the_evidence_added_in_it_can_be_removed(locked, koordinator):
    answer = answer_of(locked, 1)
    earlier = Document.objects.create(
        instansi=locked.instansi, title="SK lama", url="https://a.id/"
    )
    submitted = EvidenceLink.objects.create(answer=answer, document=earlier, added_by=koordinator)
    open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    added = evidence.link_document(answer, url_document(locked, koordinator), user=koordinator)
    with pytest.raises(ActionRefused):
        evidence.unlink_document(submitted, user=koordinator)
    evidence.unlink_document(added, user=koordinator)
    assert list(EvidenceLink.objects.filter(answer=answer)) == [submitted]


def test_an_objection_is_refused_when_no_window_is_set(locked, koordinator):
    with pytest.raises(ActionRefused):
        windows.file_objection(locked, 1, text="Bukti sudah lengkap", user=koordinator)
    assert not Objection.objects.exists()


def test_an_objection_after_its_window_is_refused_naming_when_it_closed(locked, koordinator):
    windows.set_window(
        locked,
        Kind.SANGGAHAN,
        opens_at=datetime(2025, 7, 1, 1, 0, tzinfo=UTC),
        closes_at=datetime(2025, 7, 3, 9, 0, tzinfo=UTC),
        user=koordinator,
    )
    with translation.override("en"), pytest.raises(ActionRefused) as refused:
        windows.file_objection(locked, 1, text="Bukti sudah lengkap", user=koordinator)
    assert "closed on 3 July 2025, 16:00 WIB" in refused.value.message
    assert not Objection.objects.exists()


def test_an_objection_inside_its_window_is_filed_with_its_documents(locked, koordinator):
    window = open_window(locked, Kind.SANGGAHAN, koordinator)
    document = url_document(locked, koordinator)
    objection = windows.file_objection(
        locked, 2, text="Reviu 2024 terlampir", documents=[document], user=koordinator
    )
    assert (objection.window, list(objection.documents.all())) == (window, [document])
    assert AuditEntry.objects.filter(action="objection.file", indicator=2).exists()


def test_only_the_koordinator_files_an_objection(locked, koordinator, asesor):
    open_window(locked, Kind.SANGGAHAN, koordinator)
    with pytest.raises(PermissionDenied):
        windows.file_objection(locked, 1, text="Bukti sudah lengkap", user=asesor)


def test_the_objection_page_refuses_one_outside_the_window_with_a_message(
    client, locked, koordinator
):
    open_window(
        locked, Kind.SANGGAHAN, koordinator, opened=timedelta(days=3), closes=-timedelta(days=1)
    )
    english(client).force_login(koordinator)
    response = client.post(
        reverse("assessments:objection_create", args=[locked.pk]),
        {"indicator": 1, "text": "Bukti sudah lengkap"},
    )
    assert response.status_code == 400
    assert "window closed on" in response.text
    assert not Objection.objects.exists()


def test_a_window_must_close_after_it_opens(locked, koordinator):
    now = timezone.now()
    with pytest.raises(ActionRefused):
        windows.set_window(locked, Kind.SANGGAHAN, opens_at=now, closes_at=now, user=koordinator)


def test_setting_a_window_again_moves_it_and_is_audited(locked, koordinator):
    first = open_window(locked, Kind.SANGGAHAN, koordinator)
    moved = open_window(locked, Kind.SANGGAHAN, koordinator, closes=timedelta(days=5))
    assert moved.pk == first.pk and moved.closes_at > first.closes_at
    assert AuditEntry.objects.filter(action="window.set").count() == 2


def test_the_window_form_reads_its_times_in_wib(client, period, koordinator):
    client.force_login(koordinator)
    response = client.post(
        reverse("assessments:windows", args=[period.pk]),
        {"kind": "sanggahan", "opens_at": "2025-07-01T08:00", "closes_at": "2025-07-03T16:00"},
    )
    assert response.status_code == 302
    window = DeadlineWindow.objects.get()
    assert window.opens_at == datetime(2025, 7, 1, 1, 0, tzinfo=UTC)


def test_the_interview_date_sets_the_reupload_window(client, period, koordinator):
    client.force_login(koordinator)
    client.post(
        reverse("assessments:window_from_interview", args=[period.pk]),
        {"interview_date": "2025-06-10"},
    )
    window = DeadlineWindow.objects.get(kind=Kind.UNGGAH_ULANG)
    assert (window.opens_at, window.closes_at) == windows.reupload_span(INTERVIEW)


def test_the_countdown_gives_the_time_left_and_the_closing_time_in_wib(period, koordinator):
    closes_at = datetime(2025, 6, 13, 16, 59, 59, tzinfo=UTC)
    windows.set_window(
        period,
        Kind.UNGGAH_ULANG,
        opens_at=closes_at - timedelta(days=4),
        closes_at=closes_at,
        user=koordinator,
    )
    now = closes_at - timedelta(days=2, hours=5)
    with translation.override("en"):
        (countdown,) = windows.countdowns(period, now=now)
    assert countdown.is_open
    assert (countdown.time_left, countdown.moment) == ("2 days 5 hours", "13 June 2025, 23:59 WIB")


def test_a_coming_window_counts_down_to_its_opening(period, koordinator):
    opens_at = datetime(2025, 7, 1, 1, 0, tzinfo=UTC)
    windows.set_window(
        period,
        Kind.SANGGAHAN,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=2),
        user=koordinator,
    )
    with translation.override("en"):
        (countdown,) = windows.countdowns(period, now=opens_at - timedelta(minutes=90))
    assert not countdown.is_open
    assert countdown.time_left == "1 hour 30 minutes"


def test_a_closed_window_is_no_longer_counted_down(period, koordinator):
    open_window(
        period, Kind.SANGGAHAN, koordinator, opened=timedelta(days=3), closes=-timedelta(days=1)
    )
    assert windows.countdowns(period) == []


@pytest.mark.parametrize(
    "page",
    [
        lambda p: reverse("assessments:period", args=[p.pk]),
        lambda p: reverse("assessments:indicator", args=[p.pk, 1]),
        lambda p: reverse("dashboard"),
    ],
    ids=["period", "indicator", "dashboard"],
)
def test_an_opd_member_sees_the_countdown(client, page, locked, koordinator, opd_member):
    open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    client.force_login(opd_member)
    assert 'data-testid="countdown-unggah_ulang"' in client.get(page(locked)).text


def test_a_period_goes_with_its_windows_objections_and_window_evidence(locked, koordinator):
    open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    open_window(locked, Kind.SANGGAHAN, koordinator)
    evidence.link_document(
        answer_of(locked, 1), url_document(locked, koordinator), user=koordinator
    )
    windows.file_objection(locked, 1, text="Bukti sudah lengkap", user=koordinator)
    locked.delete()
    assert not DeadlineWindow.objects.exists() and not Objection.objects.exists()


def test_the_audit_log_names_the_window_evidence_came_through(locked, koordinator):
    window = open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    evidence.link_document(
        answer_of(locked, 1), url_document(locked, koordinator), user=koordinator
    )
    entry = AuditEntry.objects.filter(action="evidence.link").latest("position")
    assert entry.after["added_in_window"] == window.pk


def test_a_locked_indicator_page_offers_evidence_upload_only_in_the_window(
    client, locked, koordinator, opd_member
):
    client.force_login(opd_member)
    url = reverse("assessments:indicator", args=[locked.pk, 1])
    assert 'id="evidence-heading"' not in client.get(url).text
    open_window(locked, Kind.UNGGAH_ULANG, koordinator)
    assert 'id="evidence-heading"' in client.get(url).text
