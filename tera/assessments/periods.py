"""A period's life: started (possibly from the previous one), reviewed, locked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tera.assessments.actions import ANSWER_FIELDS, log_change, require
from tera.assessments.models import Answer, Contribution, Period
from tera.audit.log import snapshot
from tera.errors import ActionRefused
from tera.evidence.models import EvidenceLink
from tera.instruments.models import CrosswalkVersion, InstrumentVersion
from tera.registry.models import Instansi

PERIOD_FIELDS = ("name", "status", "starts_on", "answers_due", "review_due", "submission_due")
IndicatorMap = Mapping[int, Sequence[int]]
"""old indicator -> the new indicators it carries over to."""


def default_name(kind: str, year: int, semester: int) -> str:
    if kind == Period.Kind.SEMESTER:
        return _("Internal evaluation %(year)s semester %(semester)s") % {
            "year": year,
            "semester": semester,
        }
    return _("Self-assessment %(year)s") % {"year": year}


@transaction.atomic
def start_period(
    *,
    instansi: Instansi,
    instrument: InstrumentVersion,
    year: int,
    user: Any,
    kind: str = Period.Kind.MANDIRI,
    semester: int = 0,
    name: str = "",
    dates: Mapping[str, date | None] | None = None,
    previous: Period | None = None,
    crosswalk: CrosswalkVersion | None = None,
) -> Period:
    """Create the period with one empty answer per indicator, carrying over `previous` if given.

    A previous period on another instrument carries over only through a crosswalk between them.
    """
    if previous is not None and previous.instansi_id != instansi.pk:
        raise ActionRefused(_("The previous period belongs to another instansi."))
    semester = semester if kind == Period.Kind.SEMESTER else 0
    period = Period(
        instansi=instansi,
        instrument=instrument,
        kind=kind,
        year=year,
        semester=semester,
        name=name.strip() or default_name(kind, year, semester),
        previous=previous,
        created_by=user,
        **(dates or {}),
    )
    require(user, period, "manages")
    check_crosswalk(previous, instrument, crosswalk)
    try:
        with transaction.atomic():
            period.save()
    except IntegrityError:
        raise ActionRefused(_("This instansi already has a period for that year.")) from None
    numbers = [indicator.number for indicator in period.definition.indicators]
    Answer.objects.bulk_create(Answer(period=period, indicator=n) for n in numbers)
    log_change(user, "period.start", period, None, PERIOD_FIELDS)
    if previous is not None:
        carry_over(previous, period, indicator_map(previous, period, crosswalk), user, crosswalk)
    return period


def check_crosswalk(
    previous: Period | None, instrument: InstrumentVersion, crosswalk: CrosswalkVersion | None
) -> None:
    """A change of instrument needs a crosswalk, and a crosswalk must lead from old to new."""
    if previous is None:
        if crosswalk is not None:
            raise ActionRefused(_("A crosswalk is only used to carry over from a previous period."))
        return
    old, new = previous.instrument.code, instrument.code
    if crosswalk is None and old != new:
        raise ActionRefused(_missing_crosswalk(old, new))
    if crosswalk is not None and (crosswalk.from_code, crosswalk.to_code) != (old, new):
        raise ActionRefused(
            _("The crosswalk %(crosswalk)s does not lead from %(old)s to %(new)s.")
            % {"crosswalk": crosswalk, "old": old, "new": new}
        )


def _missing_crosswalk(old: str, new: str) -> str:
    names = {"old": old, "new": new}
    if crosswalk_between(old, new) is None:
        return (
            _(
                "No crosswalk leads from %(old)s to %(new)s, so nothing can be carried over. Start "
                "the period empty, or add a crosswalk file to the instrument library and load it "
                "(tera instruments load)."
            )
            % names
        )
    return (
        _("The instrument changes from %(old)s to %(new)s: choose the crosswalk between them.")
        % names
    )


def crosswalk_between(old_code: str, new_code: str) -> CrosswalkVersion | None:
    """The library holds one crosswalk per pair of instruments; its latest loaded revision."""
    return (
        CrosswalkVersion.objects.filter(from_code=old_code, to_code=new_code, is_current=True)
        .order_by("-loaded_at", "-pk")
        .first()
    )


def indicator_map(
    previous: Period, period: Period, crosswalk: CrosswalkVersion | None
) -> dict[int, list[int]]:
    """Each old indicator and the new ones it carries over to, among those both periods have."""
    old, new = previous.definition.indicator_by_number, period.definition.indicator_by_number
    if crosswalk is None:
        return {number: [number] for number in old if number in new}
    return {
        number: [target for target in targets if target in new]
        for number, targets in crosswalk.crosswalk.forward.items()
        if number in old
    }


def carry_over(
    previous: Period,
    period: Period,
    indicators: IndicatorMap,
    user: Any,
    crosswalk: CrosswalkVersion | None = None,
) -> None:
    """Copy assignments, explanations and evidence links as drafts to be confirmed.

    On the same instrument the levels come back too. Through a crosswalk they stay behind, as
    the scales differ; each explanation is labelled with the old indicator it came from instead.
    """
    source = previous.instrument.code if crosswalk is not None else None
    new_contributions = _carry_contributions(previous, period, indicators, source)
    answers = {answer.indicator: answer for answer in period.answers.all()}
    old_answers = previous.answers.filter(indicator__in=indicators)
    for old in old_answers:
        for number in indicators[old.indicator]:
            _suggest(answers[number], old, source)
    Answer.objects.bulk_update(
        answers.values(), ["level", "fakta", "analisis", "carried_over"], batch_size=200
    )
    links = []
    for link in EvidenceLink.objects.filter(answer__in=old_answers).select_related("answer"):
        for number in indicators[link.answer.indicator]:
            contribution = new_contributions.get((number, link.contribution_id))
            links.append(
                EvidenceLink(
                    answer=answers[number],
                    document_id=link.document_id,
                    contribution=contribution,
                    note=link.note,
                    carried_over=True,
                    added_by=user,
                )
            )
    EvidenceLink.objects.bulk_create(links, ignore_conflicts=True)
    log_change(
        user,
        "period.carry_over",
        period,
        None,
        PERIOD_FIELDS,
        previous=previous.pk,
        answers=sum(1 for a in answers.values() if a.carried_over),
        evidence_links=len(links),
        crosswalk=str(crosswalk) if crosswalk is not None else None,
    )


def _suggest(item: Answer | Contribution, old: Answer | Contribution, source: str | None) -> None:
    """Put an old answer or contribution into its new counterpart.

    Several old indicators may map to one new one: their texts are joined, each part labelled
    with its old indicator when the instrument changed (`source` is then the old instrument).
    """
    if old.level is None and not (old.fakta or old.analisis):
        return
    if source is None:
        item.level = old.level
    item.fakta = _joined(item.fakta, old.fakta, old.indicator, source)
    item.analisis = _joined(item.analisis, old.analisis, old.indicator, source)
    item.carried_over = True


def _joined(text: str, addition: str, number: int, source: str | None) -> str:
    if addition and source is not None:
        label = _("Indicator %(number)s of %(instrument)s:") % {
            "number": number,
            "instrument": source,
        }
        addition = f"{label}\n{addition}"
    return "\n\n".join(part for part in (text, addition) if part)


def _carry_contributions(
    previous: Period, period: Period, indicators: IndicatorMap, source: str | None
) -> dict[tuple[int, int], Contribution]:
    """New contributions keyed by (new indicator, old contribution id); the OPD follow along."""
    carried: dict[tuple[int, int], Contribution] = {}
    by_place: dict[tuple[int, int], Contribution] = {}
    led: set[int] = set()
    old = previous.contributions.filter(indicator__in=indicators).order_by("-is_lead", "pk")
    for contribution in old:
        for number in indicators[contribution.indicator]:
            place = (number, contribution.opd_id)
            if place not in by_place:
                by_place[place] = Contribution(
                    period=period,
                    indicator=number,
                    opd_id=contribution.opd_id,
                    is_lead=contribution.is_lead and number not in led,
                    carried_over=True,
                )
                if contribution.is_lead:
                    led.add(number)
            _suggest(by_place[place], contribution, source)
            carried[(number, contribution.pk)] = by_place[place]
    Contribution.objects.bulk_create(by_place.values())
    return carried


@transaction.atomic
def start_review(period: Period, *, user: Any) -> Period:
    return _move(period, Period.Status.OPEN, Period.Status.REVIEW, "period.review", user)


@transaction.atomic
def reopen(period: Period, *, user: Any) -> Period:
    return _move(period, Period.Status.REVIEW, Period.Status.OPEN, "period.reopen", user)


@transaction.atomic
def lock_period(period: Period, *, user: Any) -> Period:
    """Lock for submission: every answered indicator must have been accepted."""
    require(user, period, "manages")
    pending = list(
        period.answers.exclude(level=None)
        .exclude(status=Answer.Status.ACCEPTED)
        .values_list("indicator", flat=True)
    )
    if pending:
        raise ActionRefused(
            _("These indicators are answered but not accepted yet: %(numbers)s.")
            % {"numbers": ", ".join(map(str, pending))}
        )
    accepted = list(period.answers.filter(status=Answer.Status.ACCEPTED))
    if not accepted:
        raise ActionRefused(_("No answer has been accepted yet; there is nothing to lock."))
    for answer in accepted:
        before = snapshot(answer, ANSWER_FIELDS)
        answer.status = Answer.Status.LOCKED
        answer.save(update_fields=["status"])
        log_change(user, "answer.lock", answer, before, ANSWER_FIELDS)
    return _move(
        period,
        (Period.Status.OPEN, Period.Status.REVIEW),
        Period.Status.LOCKED,
        "period.lock",
        user,
    )


def _move(
    period: Period, sources: str | tuple[str, ...], target: str, action: str, user: Any
) -> Period:
    require(user, period, "manages")
    sources = (sources,) if isinstance(sources, str) else sources
    before = snapshot(period, PERIOD_FIELDS)
    updated = Period.objects.filter(pk=period.pk, status__in=sources).update(status=target)
    if not updated:
        raise ActionRefused(
            _("The period is %(status)s; this step is not possible now.")
            % {"status": period.get_status_display().lower()}
        )
    period.refresh_from_db()
    log_change(user, action, period, before, PERIOD_FIELDS)
    return period
