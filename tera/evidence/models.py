"""The evidence bank (data dukung): documents, their file revisions, and links to answers."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tera.assessments.models import Answer, Contribution, DeadlineWindow
from tera.organizations.models import Opd
from tera.registry.models import Instansi


class Document(models.Model):
    """A piece of evidence an instansi can cite for many indicators and reuse in later periods."""

    class Category(models.TextChoices):
        KEBIJAKAN = "kebijakan", _("Policy (Perda, Perkada, SK, SE, SOP)")
        REVIU = "reviu", _("Review or evaluation report")
        AUDIT = "audit", _("Audit report")
        LAYANAN = "layanan", _("Service proof (screenshot, demo, URL)")
        LAINNYA = "lainnya", _("Other")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="documents")
    opd = models.ForeignKey(
        Opd, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=255)
    number = models.CharField(_("document number"), max_length=120, blank=True)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.LAINNYA
    )
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)


def storage_path(instansi_id: int, filename: str) -> str:
    """A path nobody can guess or steer: the user's file name is kept only as its last part."""
    return str(
        PurePosixPath(
            "evidence", str(instansi_id), f"{timezone.now():%Y}", uuid.uuid4().hex, filename
        )
    )


class DocumentRevision(models.Model):
    """One uploaded file of a document; a new upload adds a revision and keeps the old ones."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    file = models.FileField(max_length=500)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, db_index=True)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name


class EvidenceLink(models.Model):
    """A document cited for an answer, and which OPD's contribution brought it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence_links")
    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_links",
    )
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links")
    note = models.CharField(_("where in the document"), max_length=255, blank=True)
    # The data dukung items of the indicator's level criteria the document meets, as
    # "level.item" codes ("2.1" is the first item of level 2).
    items = models.JSONField(_("data dukung items met"), default=list, blank=True)
    carried_over = models.BooleanField(default=False)
    # Set when a locked period accepted the link during its re-upload window, to show it apart.
    added_in_window = models.ForeignKey(
        DeadlineWindow,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="evidence_links",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "document"], name="cite_document_once"),
        ]

    def __str__(self) -> str:
        return f"{self.answer} ← {self.document}"
