"""The worker's tasks: the daily reminder run, and the e-mail of workflow events (defined
beside the events, imported here so that `tera run_huey`, which finds this module by its name,
knows it)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tera.notifications.actions import send_due_reminders
from tera.notifications.workflow import mail_workflow_event

__all__ = ["mail_workflow_event", "send_reminders_daily"]

# Huey reads crontabs in UTC: 00:00 UTC is 07:00 WIB, before the working day starts.
DAILY_AT_SEVEN_WIB = crontab(minute="0", hour="0")


@db_periodic_task(DAILY_AT_SEVEN_WIB)
def send_reminders_daily() -> None:
    send_due_reminders()
