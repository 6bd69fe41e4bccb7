"""The worker's daily reminder run; `tera run_huey` finds this module by its name."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tera.notifications.actions import send_due_reminders

# Huey reads crontabs in UTC: 00:00 UTC is 07:00 WIB, before the working day starts.
DAILY_AT_SEVEN_WIB = crontab(minute="0", hour="0")


@db_periodic_task(DAILY_AT_SEVEN_WIB)
def send_reminders_daily() -> None:
    send_due_reminders()
