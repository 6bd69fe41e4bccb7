"""Running the reminders: `tera reminders send` for cron, and the worker's daily task."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from tera.notifications.models import ReminderSent
from tera.notifications.tasks import send_reminders_daily
from tests.notifications.conftest import give_email
from tests.planning.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def item_due_tomorrow(period, kominfo, koordinator, opd_member):
    give_email(koordinator, opd_member)
    return make_item(period, kominfo, due_on=timezone.localdate() + timedelta(days=1))


def test_the_command_sends_the_due_reminders(smtp, item_due_tomorrow, capsys):
    call_command("reminders", "send")
    assert len(smtp.messages) == 2
    assert "2 e-mail terkirim" in capsys.readouterr().out


def test_the_command_fails_when_an_email_could_not_be_sent(smtp_down, item_due_tomorrow):
    with pytest.raises(CommandError) as failure:
        call_command("reminders", "send")
    assert failure.value.returncode == 1


def test_the_worker_runs_the_reminders_every_day_at_seven_wib():
    """Huey reads the crontab in UTC: 07:00 WIB is 00:00 UTC."""

    def due_at(hour):
        return {type(task) for task in HUEY.read_periodic(datetime(2026, 6, 23, hour, 0))}

    assert send_reminders_daily.task_class in due_at(0)
    assert send_reminders_daily.task_class not in due_at(7)


def test_the_daily_task_sends_the_due_reminders(smtp, item_due_tomorrow):
    send_reminders_daily()
    assert ReminderSent.objects.filter(sent_at__isnull=False).count() == 2
    assert len(smtp.messages) == 2
