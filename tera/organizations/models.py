"""Who works for an instansi: its OPD, and each user's role there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tera.registry.models import Instansi


class Opd(models.Model):
    """Organisasi Perangkat Daerah, or a unit of a ministry or agency."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="opds")
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "OPD"
        verbose_name_plural = "OPD"
        constraints = [
            models.UniqueConstraint(fields=["instansi", "name"], name="unique_opd_name"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        KOORDINATOR = "koordinator", _("Koordinator SPBE")
        ASESOR = "asesor", _("Internal assessor")
        OPD = "opd", _("OPD member")
        PIMPINAN = "pimpinan", _("Leadership")
        PROVINSI = "provinsi", _("Provincial coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    opd = models.ForeignKey(
        Opd, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )

    class Meta:
        ordering = ["instansi", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "instansi", "role", "opd"], name="unique_membership"
            ),
            models.CheckConstraint(
                condition=Q(role="opd", opd__isnull=False) | (~Q(role="opd") & Q(opd__isnull=True)),
                name="opd_role_names_its_opd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.instansi}"
