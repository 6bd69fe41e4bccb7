"""Log-in protection: failed log-in counters with lock-outs, and two-step log-in with TOTP."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginThrottle(models.Model):
    """The failed log-ins of one user name or one IP address within the current window.

    Kept in the database rather than in a process's memory, so that every app server counts
    the same failures.
    """

    class Scope(models.TextChoices):
        USERNAME = "username", _("user name")
        ADDRESS = "address", _("IP address")

    scope = models.CharField(_("kind"), max_length=16, choices=Scope.choices)
    key = models.CharField(_("user name or address"), max_length=150)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        ordering = ["-locked_until", "scope", "key"]
        verbose_name = _("failed log-ins")
        verbose_name_plural = _("failed log-ins")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="one_throttle_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class TotpDevice(models.Model):
    """The authenticator app a user confirmed; the log-in then asks for its 6-digit code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    # The time step of the last code accepted: a code seen once is never accepted again.
    last_step = models.BigIntegerField(default=0)
    confirmed_at = models.DateTimeField(_("turned on at"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-step log-in")
        verbose_name_plural = _("two-step log-ins")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost; only its SHA-256 is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_sha256 = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_sha256"], name="one_recovery_code"),
        ]

    def __str__(self) -> str:
        return str(self.user)
