"""Publishing a period's official result on the public pages, and withdrawing it; both audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tera.assessments.actions import require
from tera.assessments.models import Period
from tera.assessments.stages import official_levels
from tera.audit.log import record, snapshot
from tera.core.numbers import exact_string
from tera.core.scoring import Score, score
from tera.errors import ActionRefused
from tera.reports.models import Publication

PUBLICATION_FIELDS = ("levels", "published_by", "published_at")


def publishable_levels(period: Period) -> dict[int, int]:
    """The official levels of a period that may be published; refused with the reason if not."""
    if period.kind != Period.Kind.MANDIRI:
        raise ActionRefused(_("Only an annual self-assessment has an official result to publish."))
    if not period.is_locked:
        raise ActionRefused(
            _("Only a locked period can be published: lock it for submission first.")
        )
    levels = official_levels(period)
    if not levels:
        raise ActionRefused(
            _(
                "There is no official result yet: record the external assessors' scores on the "
                "external stages page first."
            )
        )
    missing = [i.number for i in period.definition.indicators if i.number not in levels]
    if missing:
        raise ActionRefused(
            _("Indicators %(numbers)s have no official level yet; record them first.")
            % {"numbers": ", ".join(str(number) for number in missing)}
        )
    return levels


@transaction.atomic
def publish_period(period: Period, *, user: Any) -> Publication:
    """Publish the official result as it stands; the same levels again change nothing."""
    require(user, period, "manages")
    levels = {str(number): level for number, level in sorted(publishable_levels(period).items())}
    current = Publication.objects.select_for_update().filter(period=period).first()
    if current is not None and current.levels == levels:
        return current
    before = None if current is None else snapshot(current, PUBLICATION_FIELDS)
    publication = current or Publication(period=period)
    publication.levels = levels
    publication.published_by, publication.published_at = user, timezone.now()
    publication.save()
    result = score(period.definition, publication.official_levels, period.year)
    _log(user, "publication.publish", publication, before, _published(publication, result))
    return publication


@transaction.atomic
def withdraw_publication(period: Period, *, user: Any) -> None:
    """Take the result off the public pages; the registry's own figures stay."""
    require(user, period, "manages")
    publication = Publication.objects.select_for_update().filter(period=period).first()
    if publication is None:
        raise ActionRefused(_("The result of this period is not published."))
    _log(user, "publication.withdraw", publication, snapshot(publication, PUBLICATION_FIELDS), None)
    publication.delete()


def _published(publication: Publication, result: Score) -> dict[str, Any]:
    return {
        **snapshot(publication, PUBLICATION_FIELDS),
        "index": exact_string(result.index),
        "predikat": result.predikat,
    }


def _log(
    user: Any,
    action: str,
    publication: Publication,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    period = publication.period
    record(
        actor=user,
        action=action,
        obj=publication,
        instansi_id=period.instansi_id,
        period_id=period.pk,
        before=before,
        after=after,
    )
