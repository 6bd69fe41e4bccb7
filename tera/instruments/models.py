"""Instrument versions stored in the database, each frozen once loaded."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tera.core.crosswalk import Crosswalk, load_crosswalk_text
from tera.core.instrument import Instrument
from tera.core.loader import load_text


class InstrumentVersion(models.Model):
    """One loaded instrument file. Changed content never overwrites a version: it adds one."""

    class Status(models.TextChoices):
        OFFICIAL = "official", _("Official")
        PROVISIONAL = "provisional", _("Provisional")
        UNVERIFIED = "unverified", _("Partly unverified")

    code = models.SlugField(_("code"), max_length=64)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    name = models.CharField(_("name"), max_length=255)
    regulation = models.TextField(_("regulation"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    source_text = models.TextField(_("source text"))
    sha256 = models.CharField(max_length=64)
    source_file = models.CharField(max_length=255)
    is_current = models.BooleanField(default=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["code", "revision"], name="unique_instrument_revision"),
            models.UniqueConstraint(fields=["code", "sha256"], name="unique_instrument_content"),
        ]

    def __str__(self) -> str:
        return f"{self.code} r{self.revision}"

    @property
    def instrument(self) -> Instrument:
        return _parsed(self.sha256, self.source_text, self.source_file)


class CrosswalkVersion(models.Model):
    """One loaded crosswalk file, kept like an instrument version: changed content adds one."""

    Status = InstrumentVersion.Status

    code = models.SlugField(_("code"), max_length=64)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    from_code = models.SlugField(_("from instrument"), max_length=64)
    to_code = models.SlugField(_("to instrument"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    source_text = models.TextField(_("source text"))
    sha256 = models.CharField(max_length=64)
    source_file = models.CharField(max_length=255)
    is_current = models.BooleanField(default=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["code", "revision"], name="unique_crosswalk_revision"),
            models.UniqueConstraint(fields=["code", "sha256"], name="unique_crosswalk_content"),
        ]

    def __str__(self) -> str:
        return f"{self.from_code} → {self.to_code} ({self.code} r{self.revision})"

    @property
    def crosswalk(self) -> Crosswalk:
        """Its numbers were checked against the instruments when it was loaded."""
        if self.sha256 not in _PARSED_CROSSWALKS:
            _PARSED_CROSSWALKS[self.sha256] = load_crosswalk_text(
                self.source_text, self.source_file, None
            )
        return _PARSED_CROSSWALKS[self.sha256]


_PARSED_CACHE: dict[str, Instrument] = {}
_PARSED_CROSSWALKS: dict[str, Crosswalk] = {}


def _parsed(sha256: str, text: str, source: str) -> Instrument:
    """Stored definitions never change, so each is parsed once per process."""
    if sha256 not in _PARSED_CACHE:
        _PARSED_CACHE[sha256] = load_text(text, source)
    return _PARSED_CACHE[sha256]
