"""Reminders by e-mail through a real SMTP server on localhost: once and only once per due date."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import translation
from django.utils.formats import date_format

from tera.notifications.actions import send_due_reminders
from tera.notifications.models import Notification, ReminderSent
from tera.planning.models import ActionItem
from tests.notifications.conftest import RUN_AT, give_email
from tests.planning.factories import make_item

pytestmark = pytest.mark.django_db

IN_A_WEEK = date(2026, 6, 30)  # seven days after RUN_AT


def in_indonesian(text):
    with translation.override("id"):
        return translation.gettext(text)


@pytest.fixture
def item(period, kominfo, koordinator, opd_member, other_opd_member):
    """Diskominfo's item due in a week; Bappeda's member has nothing to do with it."""
    give_email(koordinator, opd_member, other_opd_member)
    return make_item(period, kominfo, title="Tetapkan Perwali SPBE", due_on=IN_A_WEEK)


def test_running_the_reminders_twice_sends_one_email_per_user(smtp, item):
    send_due_reminders(RUN_AT)
    send_due_reminders(RUN_AT + timedelta(hours=1))
    assert smtp.recipients == ["koordinator@kota-satu.go.id", "staf-kominfo@kota-satu.go.id"]


def test_the_email_names_the_item_its_due_date_and_its_page(smtp, item):
    send_due_reminders(RUN_AT)
    _recipients, message = smtp.messages[0]
    with translation.override("id"):
        due = date_format(IN_A_WEEK, "j F Y")
    assert message["From"] == "Tera Kota Satu <tera@kota-satu.go.id>"
    assert message["Subject"] == in_indonesian("[Tera] %(subject)s") % {
        "subject": in_indonesian("Action item due on %(due)s: %(title)s")
        % {"due": due, "title": "Tetapkan Perwali SPBE"}
    }
    body = message.get_content()
    assert "Tetapkan Perwali SPBE" in body
    assert due in body
    assert f"https://tera.kota-satu.go.id/perencanaan/aksi/{item.pk}/" in body


def test_each_email_has_its_in_app_notification(smtp, item, opd_member):
    send_due_reminders(RUN_AT)
    notification = Notification.objects.get(user=opd_member)
    assert notification.url == f"/perencanaan/aksi/{item.pk}/"
    assert notification.text in smtp.messages[0][1].get_content()


def test_a_changed_due_date_sends_a_new_reminder(smtp, item):
    send_due_reminders(RUN_AT)
    ActionItem.objects.filter(pk=item.pk).update(due_on=IN_A_WEEK - timedelta(days=2))
    send_due_reminders(RUN_AT + timedelta(hours=1))
    assert len(smtp.messages) == 4
    assert len(set(smtp.recipients)) == 2


def test_each_lead_time_sends_its_own_reminder_once(smtp, item):
    for days_later in (0, 1, 6, 6, 7, 8, 8):  # a week, a day, then late: each run twice or not
        send_due_reminders(RUN_AT + timedelta(days=days_later))
    leads = sorted(ReminderSent.objects.values_list("lead_days", flat=True))
    assert leads == [-1, -1, 1, 1, 7, 7]
    assert len(smtp.messages) == 6


def test_an_item_marked_done_gets_no_reminder(smtp, item):
    ActionItem.objects.filter(pk=item.pk).update(status=ActionItem.Status.DONE)
    send_due_reminders(RUN_AT)
    assert smtp.messages == []
    assert not ReminderSent.objects.exists()


def test_when_smtp_is_down_nothing_is_marked_sent_and_a_later_run_sends_it(smtp_down, item):
    summary = send_due_reminders(RUN_AT)
    assert (summary.emailed, summary.failed) == (0, 2)
    assert not ReminderSent.objects.filter(sent_at__isnull=False).exists()

    smtp_down.start()
    send_due_reminders(RUN_AT + timedelta(hours=1))
    assert smtp_down.recipients == [
        "koordinator@kota-satu.go.id",
        "staf-kominfo@kota-satu.go.id",
    ]
    assert ReminderSent.objects.filter(sent_at__isnull=True).count() == 0


def test_a_reminder_whose_email_failed_keeps_a_single_notification(smtp_down, item, opd_member):
    send_due_reminders(RUN_AT)
    smtp_down.start()
    send_due_reminders(RUN_AT + timedelta(hours=1))
    assert Notification.objects.filter(user=opd_member).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_reminder_once(smtp, item):
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            send_due_reminders(RUN_AT)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert smtp.recipients == ["koordinator@kota-satu.go.id", "staf-kominfo@kota-satu.go.id"]
    assert Notification.objects.count() == 2
