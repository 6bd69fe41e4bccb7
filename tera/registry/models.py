"""The instansi registry and the official results published by KemenPANRB."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Instansi(models.Model):
    class Kind(models.TextChoices):
        KEMENTERIAN = "kementerian", _("Ministry")
        LEMBAGA = "lembaga", _("Agency")
        PROVINSI = "provinsi", _("Province")
        KABUPATEN = "kabupaten", _("Regency")
        KOTA = "kota", _("City")

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "instansi"

    def __str__(self) -> str:
        return self.name


class InstansiAlias(models.Model):
    """A name an instansi was published under in another year."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=255, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfficialResult(models.Model):
    """One published row; the check outcome is stored beside it, never instead of it."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("year"))
    published_name = models.CharField(_("published name"), max_length=255)
    index = models.DecimalField(_("index"), max_digits=5, decimal_places=2)
    predikat = models.CharField(_("predikat"), max_length=32, blank=True)
    kebijakan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    tata_kelola = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    manajemen = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    layanan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    computed_index = models.DecimalField(
        _("weighted domain sum"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    problems = models.JSONField(_("check problems"), default=list, blank=True)
    notes = models.JSONField(_("check notes"), default=list, blank=True)
    source = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["-year", "-index", "instansi__name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="one_result_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.published_name} {self.year}: {self.index}"

    @property
    def domain_values(self) -> list[object]:
        return [self.kebijakan, self.tata_kelola, self.manajemen, self.layanan]


class NationalAverage(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    index = models.DecimalField(_("index"), max_digits=5, decimal_places=2)
    predikat = models.CharField(_("predikat"), max_length=32)
    kebijakan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    tata_kelola = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    manajemen = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    layanan = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    assessed = models.PositiveIntegerField(_("instansi assessed"), null=True, blank=True)
    baik_or_better = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    source = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.index}"
