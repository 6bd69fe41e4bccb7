"""Targets, step costs and action plans (rencana aksi) of an evaluation period."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tera.assessments.fields import LevelField
from tera.assessments.models import Period
from tera.evidence.models import Document
from tera.organizations.models import Opd
from tera.planning.targets import Goal


class Target(models.Model):
    """What the instansi aims for in one period: an index, or a predikat of its instrument."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="target")
    index = models.DecimalField(
        _("target index"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    predikat = models.CharField(_("target predikat"), max_length=64, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(index__isnull=False) & Q(predikat=""))
                | (Q(index__isnull=True) & ~Q(predikat="")),
                name="target_is_an_index_or_a_predikat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.goal.label}"

    @property
    def goal(self) -> Goal:
        return Goal(index=self.index, predikat=self.predikat)


COST_PLACES = 4


class StepCost(models.Model):
    """The cost or effort of raising an indicator one level; no to_level means every step."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="step_costs")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    to_level = models.PositiveSmallIntegerField(_("step to level"), null=True, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=17, decimal_places=COST_PLACES)

    class Meta:
        ordering = ["period", "indicator", "to_level"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator"],
                condition=Q(to_level__isnull=True),
                name="one_cost_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["period", "indicator", "to_level"], name="one_cost_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator} → {self.to_level or '*'}: {self.cost}"


DEFAULT_MAX_RAISE = 1


class RaiseCap(models.Model):
    """How many levels an indicator's value may rise in one plan; DEFAULT_MAX_RAISE without one.

    A plan that lifts an indicator from 1 to 5 in a semester is not credible.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="raise_caps")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    levels = models.PositiveSmallIntegerField(_("largest rise in levels"))

    class Meta:
        ordering = ["period", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["period", "indicator"], name="one_cap_per_indicator"),
            models.CheckConstraint(condition=Q(levels__gte=1), name="cap_is_at_least_one_level"),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator} ≤ +{self.levels}"


class ActionItem(models.Model):
    """One promise of the action plan: raise an indicator to a level by a date, owned by an OPD."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Source(models.TextChoices):
        PLAN = "plan", _("Target plan")
        RECOMMENDATION = "recommendation", _("Assessors' recommendation")
        MANUAL = "manual", _("Added by hand")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="action_items")
    indicator = models.PositiveSmallIntegerField(_("indicator"))
    title = models.CharField(_("title"), max_length=255)
    from_level = LevelField(_("from level"), null=True, blank=True)
    target_level = LevelField(_("target level"))
    owner = models.ForeignKey(
        Opd,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner OPD"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    recommendation = models.TextField(_("recommendation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["period", "due_on", "indicator", "pk"]
        constraints = [
            # Accepting the same plan twice, even at the same moment, cannot repeat an item.
            models.UniqueConstraint(
                fields=["period", "indicator", "target_level"],
                condition=Q(source="plan"),
                name="one_plan_item_per_indicator_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.indicator} · {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DROPPED)

    def is_late(self, today: date) -> bool:
        return self.due_on < today and not self.is_closed


class ProgressNote(models.Model):
    """What the owner reports on an item, kept in order."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("progress note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item} · {self.created_at:%Y-%m-%d}"


class ItemEvidence(models.Model):
    """A document of the instansi's evidence bank that shows an item's progress."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="item_links")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "document"], name="item_cites_document_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item} ← {self.document}"
