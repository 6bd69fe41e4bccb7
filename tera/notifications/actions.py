"""Every change to notifications: creating them, reading them, and sending the due reminders."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tera.notifications.models import Notification, ReminderSent
from tera.notifications.reminders import Reminder, due_reminders

logger = logging.getLogger(__name__)
# A claimed reminder still unsent after this long lost its run (killed mid-way): a later run
# takes it over. It is far longer than one e-mail may take (EMAIL_TIMEOUT).
CLAIM_LEASE = timedelta(minutes=10)


def notify(user: Any, kind: str, text: str, url: str = "") -> Notification:
    return Notification.objects.create(user=user, kind=kind, text=text, url=url)


def mark_read(notification: Notification, *, user: Any) -> None:
    """Only the notification's own user reads it; get_notification_for_user has checked that."""
    if notification.user_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@dataclass
class Summary:
    """What one run did: notifications made, e-mails sent, e-mails left for a later run."""

    notified: int = 0
    emailed: int = 0
    failed: int = 0


def send_due_reminders(now: datetime | None = None) -> Summary:
    """Send every reminder due now that was not sent before; the cron command and the worker's
    daily task both call this, and may do so at the same moment."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        reminders = due_reminders(now)
        sent = _already_sent(reminders)
        mailer = Mailer()
        summary = Summary()
        for reminder in reminders:
            if reminder.key_values not in sent:
                send_reminder(reminder, mailer, now, summary)
    return summary


def _already_sent(reminders: list[Reminder]) -> set[tuple[Any, ...]]:
    """Keys sent before, read at once, so that the daily run does not try each one again."""
    records = ReminderSent.objects.filter(
        sent_at__isnull=False, object_id__in={reminder.object_id for reminder in reminders}
    ).values_list("kind", "object_id", "due_at", "lead_days", "user_id")
    return set(records)


def send_reminder(reminder: Reminder, mailer: Mailer, now: datetime, summary: Summary) -> None:
    record = _claim(reminder, now, summary)
    if record is None:
        return
    if reminder.user.email and not mailer.send(reminder):
        # Released at once, so that the next run (or a retry now) sends the e-mail.
        ReminderSent.objects.filter(pk=record.pk).update(claimed_at=None)
        summary.failed += 1
        return
    ReminderSent.objects.filter(pk=record.pk).update(sent_at=now)
    if reminder.user.email:
        summary.emailed += 1


def _claim(reminder: Reminder, now: datetime, summary: Summary) -> ReminderSent | None:
    """Insert first: the unique key lets one run through, with the in-app notification.

    A reminder inserted before but not sent (its e-mail failed, or its run died) is taken over
    by a conditional update, which again only one run can win.
    """
    try:
        with transaction.atomic():
            notification = notify(reminder.user, reminder.kind, reminder.text, reminder.path)
            record = ReminderSent.objects.create(
                **reminder.key,
                period_id=reminder.period_id,
                notification=notification,
                claimed_at=now,
            )
    except IntegrityError:
        pass
    else:
        summary.notified += 1
        return record
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE)
    unsent = ReminderSent.objects.filter(**reminder.key, sent_at__isnull=True)
    if not unsent.filter(free).update(claimed_at=now):
        return None
    return unsent.get()


class Mailer:
    """Sends reminders by e-mail; once the server cannot be reached, the rest of the run stops
    trying (each try would wait for the timeout) and leaves them to the next run."""

    def __init__(self) -> None:
        self.unreachable = False

    def send(self, reminder: Reminder) -> bool:
        if self.unreachable:
            return False
        try:
            send_mail(
                _("[Tera] %(subject)s") % {"subject": reminder.subject},
                email_body(reminder),
                None,
                [reminder.user.email],
            )
        except smtplib.SMTPRecipientsRefused:
            logger.warning("reminder %s refused by the server: address of %s", *_context(reminder))
            return False
        except (smtplib.SMTPException, OSError):
            logger.exception(
                "reminder %s not sent to %s; the next run tries again", *_context(reminder)
            )
            self.unreachable = True
            return False
        return True


def _context(reminder: Reminder) -> tuple[str, str]:
    """What a log line names: the reminder and the user, never the address."""
    return (
        f"{reminder.kind} (period {reminder.period_id}, object {reminder.object_id})",
        f"user {reminder.user.pk}",
    )


def email_body(reminder: Reminder) -> str:
    base = settings.TERA_BASE_URL.rstrip("/")
    return "\n\n".join(
        [
            reminder.text,
            _("Open it in Tera: %(url)s") % {"url": base + reminder.path},
            _("Every notification of yours: %(url)s")
            % {"url": base + reverse("notifications:list")},
        ]
    )
