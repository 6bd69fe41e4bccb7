"""In-app notifications, and the record of every reminder sent so that none goes out twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tera.assessments.models import Period


class Notification(models.Model):
    """A message to one user in Tera, with the page it is about."""

    class Kind(models.TextChoices):
        ITEM_DUE = "item_due", _("Action item due")
        ITEM_LATE = "item_late", _("Action item late")
        WINDOW_CLOSING = "window_closing", _("Window closing")
        ANSWERS_DUE = "answers_due", _("OPD answers due")
        SUBMISSION_DUE = "submission_due", _("Submission due")
        ANSWER_WAITING = "answer_waiting", _("Answer waiting for review")
        ANSWER_RETURNED = "answer_returned", _("Answer sent back")
        ANSWER_ACCEPTED = "answer_accepted", _("Answer accepted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The top bar counts a user's unread notifications on every page.
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderSent(models.Model):
    """One reminder to one user, keyed by what it is about and the due date it was for.

    The key is unique, so a reminder is inserted before it is sent and however many runs see
    it due at once only one sends it. `sent_at` stays empty until the e-mail went out (or the
    user has no address), so a reminder whose e-mail failed is sent by a later run.
    """

    kind = models.CharField(max_length=32, choices=Notification.Kind.choices)
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    # The action item, deadline window or period the reminder is about; `kind` says which.
    object_id = models.PositiveBigIntegerField()
    due_at = models.DateTimeField()  # the due date at 00:00 WIB, or the window's closing time
    lead_days = models.SmallIntegerField()  # days before the due date; -1 once it is late
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notification = models.OneToOneField(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "due_at", "lead_days", "user"],
                name="one_reminder_per_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} · {self.due_at:%Y-%m-%d %H:%M} · {self.user}"
