"""What a Koordinator has published: a period's official levels, frozen when published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tera.assessments.models import Period


class Publication(models.Model):
    """The Pernyataan Persetujuan Publikasi of one period: its official levels as published.

    The levels are copied at publication, so that a stage score corrected afterwards reaches the
    public pages only when the Koordinator publishes again. Withdrawing deletes the row; the audit
    log keeps both steps.
    """

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="publication")
    levels = models.JSONField(_("published levels"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.period} · {self.published_at:%Y-%m-%d}"

    @property
    def official_levels(self) -> dict[int, int]:
        """The levels by indicator number (JSON keeps the numbers as strings)."""
        return {int(number): level for number, level in self.levels.items()}


class PublicResultsVersion(models.Model):
    """One row: a token that changes with every change the public pages could show
    (tera.reports.public_cache)."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
