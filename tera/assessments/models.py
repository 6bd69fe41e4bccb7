"""Evaluation periods, the OPD contributions per indicator, the instansi's single answer, and
what follows the submission: external stage scores, deadline windows and objections."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tera.assessments.fields import LevelField
from tera.core.instrument import Instrument
from tera.core.stages import Stage as CoreStage
from tera.instruments.models import InstrumentVersion
from tera.organizations.models import Opd
from tera.registry.models import Instansi


class Period(models.Model):
    """One evaluation round of an instansi, frozen to the instrument version it started with."""

    class Kind(models.TextChoices):
        MANDIRI = "mandiri", _("Annual self-assessment")
        SEMESTER = "semester", _("Internal semester evaluation")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REVIEW = "review", _("Under review")
        LOCKED = "locked", _("Locked")

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="periods")
    instrument = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="periods"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MANDIRI)
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    semester = models.PositiveSmallIntegerField(
        _("semester"), default=0, help_text=_("0 for an annual self-assessment, else 1 or 2.")
    )
    name = models.CharField(_("name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    answers_due = models.DateField(_("OPD answers due"), null=True, blank=True)
    review_due = models.DateField(_("internal review due"), null=True, blank=True)
    submission_due = models.DateField(_("submission due"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-semester", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "kind", "year", "semester"], name="one_period_per_round"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def definition(self) -> Instrument:
        return self.instrument.instrument

    @property
    def year_note(self) -> str:
        """What the instrument leaves uncertain about this year's predikat rule."""
        return self.definition.year_note(self.year)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED

    @property
    def reference_date(self) -> date:
        """The day evidence ages are measured against."""
        return self.submission_due or self.answers_due or date(self.year, 12, 31)


class Contribution(models.Model):
    """One OPD's part in one indicator: the assignment, and the level and explanation proposed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="contributions")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="contributions")
    is_lead = models.BooleanField(_("lead OPD"), default=False)
    level = LevelField(_("proposed level"), null=True, blank=True)
    fakta = models.TextField(_("facts"), blank=True)
    analisis = models.TextField(_("analysis"), blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    carried_over = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "indicator", "-is_lead", "opd__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator", "opd"], name="one_contribution_per_opd"
            ),
            models.UniqueConstraint(
                fields=["period", "indicator"],
                condition=Q(is_lead=True),
                name="one_lead_opd_per_indicator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator} · {self.opd}"

    @property
    def has_content(self) -> bool:
        return self.level is not None or bool(self.fakta or self.analisis)


class Answer(models.Model):
    """The instansi's single answer to one indicator, set from the contributions and reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REVISION = "revision", _("Revision requested")
        ACCEPTED = "accepted", _("Accepted")
        LOCKED = "locked", _("Locked")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="answers")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    level = LevelField(_("level"), null=True, blank=True)
    source_value = models.DecimalField(
        _("source index value"),
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For an indicator converted from another agency's index: that index's value."),
    )
    fakta = models.TextField(_("facts"), blank=True)
    analisis = models.TextField(_("analysis"), blank=True)
    level_source = models.ForeignKey(
        Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    reviewer_level = LevelField(_("reviewer's level"), null=True, blank=True)
    carried_over = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator"], name="one_answer_per_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REVISION)


class ReviewNote(models.Model):
    """A reviewer's decision or remark on an answer, kept in order."""

    class Decision(models.TextChoices):
        REVISION = "revision", _("Revision requested")
        ACCEPTED = "accepted", _("Accepted")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    reviewer_level = LevelField(null=True, blank=True)
    body = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.answer} · {self.get_decision_display()}"


class StageScore(models.Model):
    """The external assessors' level for one indicator at one stage, with their note.

    Only what the assessors changed is stored: an indicator without a score at a stage keeps the
    previous stage's value (tera.core.stages).
    """

    class Stage(models.TextChoices):
        DOKUMEN = CoreStage.DOKUMEN.value, _("Document assessment")
        INTERVIU = CoreStage.INTERVIU.value, _("Interview")
        VISITASI = CoreStage.VISITASI.value, _("Site visit")
        FINAL = CoreStage.FINAL.value, _("Final result")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="stage_scores")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    level = LevelField(_("level"))
    note = models.TextField(_("assessors' note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        ordering = ["period", "indicator", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator", "stage"], name="one_score_per_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator} · {self.get_stage_display()}"


class DeadlineWindow(models.Model):
    """A time span in which a locked period still accepts one kind of change."""

    class Kind(models.TextChoices):
        SANGGAHAN = "sanggahan", _("Objection (sanggahan)")
        UNGGAH_ULANG = "unggah_ulang", _("Evidence re-upload (unggah ulang)")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="windows")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period", "opens_at", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["period", "kind"], name="one_window_per_kind"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="window_closes_after_it_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.get_kind_display()}"


class Objection(models.Model):
    """A sanggahan: the instansi disputes the assessors' score of one indicator, with evidence."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="objections")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    text = models.TextField(_("objection"))
    documents = models.ManyToManyField(
        "evidence.Document", blank=True, related_name="objections", verbose_name=_("documents")
    )
    window = models.ForeignKey(DeadlineWindow, on_delete=models.RESTRICT, related_name="objections")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"))

    class Meta:
        ordering = ["period", "indicator", "filed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator} · {self.filed_at:%Y-%m-%d}"
