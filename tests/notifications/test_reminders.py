"""Who is reminded of what, and when: action items, deadline windows and the period's dates."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from tera.assessments.models import Contribution, DeadlineWindow, Period
from tera.notifications.actions import CLAIM_LEASE, send_due_reminders
from tera.notifications.models import Notification, ReminderSent
from tera.organizations.models import Membership
from tera.planning.models import ActionItem
from tests.notifications.conftest import RUN_AT, give_email
from tests.planning.factories import make_item

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 23)  # RUN_AT in WIB
Kind = Notification.Kind


def reminded(kind=None):
    """Usernames with a notification (of that kind), sorted."""
    notifications = Notification.objects.all()
    if kind is not None:
        notifications = notifications.filter(kind=kind)
    return sorted(notifications.values_list("user__username", flat=True))


@pytest.fixture
def everyone(koordinator, asesor, pimpinan, opd_member, other_opd_member, outsider):
    """Every persona of both instansi, so that a test shows who is left out."""


def test_an_item_reminds_the_koordinator_and_its_own_opd_only(period, kominfo, everyone):
    make_item(period, kominfo, due_on=TODAY + timedelta(days=7))
    send_due_reminders(RUN_AT)
    assert reminded(Kind.ITEM_DUE) == ["koordinator", "staf-kominfo"]


def test_an_item_without_an_owner_reminds_only_the_koordinator(period, everyone):
    make_item(period, None, due_on=TODAY + timedelta(days=1))
    send_due_reminders(RUN_AT)
    assert reminded() == ["koordinator"]


def test_a_dropped_item_gets_no_reminder(period, kominfo, everyone):
    make_item(period, kominfo, due_on=TODAY, status=ActionItem.Status.DROPPED)
    send_due_reminders(RUN_AT)
    assert reminded() == []


def test_an_item_due_in_more_than_a_week_gets_no_reminder_yet(period, kominfo, everyone):
    make_item(period, kominfo, due_on=TODAY + timedelta(days=8))
    send_due_reminders(RUN_AT)
    assert reminded() == []


def test_an_item_past_its_due_date_gets_the_late_reminder(period, kominfo, everyone):
    make_item(period, kominfo, due_on=TODAY - timedelta(days=1))
    send_due_reminders(RUN_AT)
    assert reminded(Kind.ITEM_LATE) == ["koordinator", "staf-kominfo"]


def test_a_koordinator_who_is_also_an_opd_member_gets_one_reminder(
    period, kota, kominfo, koordinator
):
    Membership.objects.create(user=koordinator, instansi=kota, role="opd", opd=kominfo)
    make_item(period, kominfo, due_on=TODAY + timedelta(days=7))
    send_due_reminders(RUN_AT)
    assert reminded() == ["koordinator"]


def test_an_inactive_user_gets_no_reminder(period, kominfo, koordinator, opd_member):
    get_user_model().objects.filter(pk=opd_member.pk).update(is_active=False)
    make_item(period, kominfo, due_on=TODAY + timedelta(days=7))
    send_due_reminders(RUN_AT)
    assert reminded() == ["koordinator"]


def test_a_user_without_an_email_address_gets_the_notification_as_sent(
    period, kominfo, koordinator, opd_member, mailoutbox
):
    give_email(koordinator)
    make_item(period, kominfo, due_on=TODAY + timedelta(days=7))
    summary = send_due_reminders(RUN_AT)
    assert (summary.notified, summary.emailed) == (2, 1)
    assert [message.to for message in mailoutbox] == [["koordinator@kota-satu.go.id"]]
    assert ReminderSent.objects.get(user=opd_member).sent_at == RUN_AT


def window(period, kind, closes_in):
    return DeadlineWindow.objects.create(
        period=period,
        kind=kind,
        opens_at=RUN_AT - timedelta(days=3),
        closes_at=RUN_AT + closes_in,
    )


def test_a_closing_reupload_window_reminds_the_koordinator_and_every_opd_member(period, everyone):
    window(period, DeadlineWindow.Kind.UNGGAH_ULANG, timedelta(hours=16, minutes=59))
    send_due_reminders(RUN_AT)
    assert reminded(Kind.WINDOW_CLOSING) == ["koordinator", "staf-bappeda", "staf-kominfo"]


def test_an_opd_member_is_sent_to_the_period_page_they_may_open(period, opd_member):
    window(period, DeadlineWindow.Kind.UNGGAH_ULANG, timedelta(hours=5))
    send_due_reminders(RUN_AT)
    assert Notification.objects.get(user=opd_member).url == f"/periode/{period.pk}/"


def test_a_closing_sanggahan_window_reminds_only_the_koordinator(period, everyone):
    window(period, DeadlineWindow.Kind.SANGGAHAN, timedelta(hours=5))
    send_due_reminders(RUN_AT)
    assert reminded() == ["koordinator"]


def test_a_window_closing_in_more_than_a_day_gets_no_reminder_yet(period, everyone):
    window(period, DeadlineWindow.Kind.SANGGAHAN, timedelta(days=1, minutes=1))
    send_due_reminders(RUN_AT)
    assert reminded() == []


def test_a_moved_closing_time_sends_a_new_window_reminder(period, everyone):
    closing = window(period, DeadlineWindow.Kind.SANGGAHAN, timedelta(hours=5))
    send_due_reminders(RUN_AT)
    DeadlineWindow.objects.filter(pk=closing.pk).update(closes_at=RUN_AT + timedelta(hours=20))
    send_due_reminders(RUN_AT + timedelta(hours=1))
    assert reminded() == ["koordinator", "koordinator"]


def due_dates(period, **dates):
    Period.objects.filter(pk=period.pk).update(**dates)


def test_answers_due_remind_only_the_members_of_opd_with_drafts(period, kominfo, everyone):
    """Diskominfo has submitted its only contribution; Bappeda's two are still drafts."""
    Contribution.objects.filter(period=period, opd=kominfo).update(status="submitted")
    due_dates(period, answers_due=TODAY + timedelta(days=3))
    send_due_reminders(RUN_AT)
    notification = Notification.objects.get()
    assert (notification.user.username, notification.kind) == ("staf-bappeda", Kind.ANSWERS_DUE)
    assert "2" in notification.text


def test_answers_due_once_the_period_is_under_review_remind_no_one(period, everyone):
    due_dates(period, answers_due=TODAY, status=Period.Status.REVIEW)
    send_due_reminders(RUN_AT)
    assert reminded() == []


def test_submission_due_reminds_the_koordinator(period, everyone):
    due_dates(period, submission_due=TODAY + timedelta(days=2), status=Period.Status.REVIEW)
    send_due_reminders(RUN_AT)
    assert reminded(Kind.SUBMISSION_DUE) == ["koordinator"]


def test_a_locked_period_gets_no_submission_reminder(period, everyone):
    due_dates(period, submission_due=TODAY + timedelta(days=2), status=Period.Status.LOCKED)
    send_due_reminders(RUN_AT)
    assert reminded() == []


def claim_of_another_run(period, item, opd_member, claimed_at):
    return ReminderSent.objects.create(
        kind=Kind.ITEM_DUE,
        period=period,
        object_id=item.pk,
        due_at=RUN_AT + timedelta(days=7, hours=-7),
        lead_days=7,
        user=opd_member,
        claimed_at=claimed_at,
    )


def test_a_claim_another_run_holds_now_is_left_to_it(period, kominfo, opd_member):
    item = make_item(period, kominfo, due_on=TODAY + timedelta(days=7))
    claim_of_another_run(period, item, opd_member, RUN_AT - timedelta(minutes=1))
    send_due_reminders(RUN_AT)
    assert ReminderSent.objects.get(user=opd_member).sent_at is None


def test_a_claim_left_by_a_run_that_died_is_taken_over(period, kominfo, opd_member):
    item = make_item(period, kominfo, due_on=TODAY + timedelta(days=7))
    claim_of_another_run(period, item, opd_member, RUN_AT - CLAIM_LEASE - timedelta(minutes=1))
    send_due_reminders(RUN_AT)
    assert ReminderSent.objects.get(user=opd_member).sent_at == RUN_AT
