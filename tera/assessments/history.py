"""A period's audit entries as sentences: who did what to which OPD, indicator or document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tera.assessments.models import Contribution, Period
from tera.audit.models import AuditEntry
from tera.evidence.models import Document
from tera.organizations.models import Opd

# What each action did, with %(who)s, %(opd)s, %(indicator)s and %(document)s filled in.
SENTENCES = {
    "period.start": gettext_lazy("%(who)s opened the period."),
    "period.carry_over": gettext_lazy("%(who)s carried over the previous period."),
    "period.review": gettext_lazy("%(who)s started the internal review."),
    "period.reopen": gettext_lazy("%(who)s reopened the period for the OPD."),
    "period.lock": gettext_lazy("%(who)s locked the period for submission."),
    "assignment.add": gettext_lazy("%(who)s assigned %(opd)s to indicator %(indicator)s."),
    "assignment.lead": gettext_lazy(
        "%(who)s made %(opd)s the lead OPD of indicator %(indicator)s."
    ),
    "assignment.remove": gettext_lazy("%(who)s removed %(opd)s from indicator %(indicator)s."),
    "contribution.save": gettext_lazy(
        "%(who)s saved the contribution of %(opd)s to indicator %(indicator)s."
    ),
    "contribution.submit": gettext_lazy(
        "%(who)s submitted the contribution of %(opd)s to indicator %(indicator)s."
    ),
    "answer.save": gettext_lazy("%(who)s saved the answer to indicator %(indicator)s."),
    "answer.submit": gettext_lazy(
        "%(who)s submitted the answer to indicator %(indicator)s for review."
    ),
    "answer.revision": gettext_lazy(
        "%(who)s requested a revision of the answer to indicator %(indicator)s."
    ),
    "answer.accept": gettext_lazy("%(who)s accepted the answer to indicator %(indicator)s."),
    "answer.lock": gettext_lazy("%(who)s locked the answer to indicator %(indicator)s."),
    "evidence.link": gettext_lazy("%(who)s cited %(document)s for indicator %(indicator)s."),
    "evidence.unlink": gettext_lazy(
        "%(who)s removed the citation of %(document)s from indicator %(indicator)s."
    ),
    "stage.score": gettext_lazy("%(who)s entered the assessors' level of indicator %(indicator)s."),
    "objection.file": gettext_lazy("%(who)s filed an objection on indicator %(indicator)s."),
    "window.set": gettext_lazy("%(who)s set a deadline window."),
    "target.set": gettext_lazy("%(who)s set the target."),
    "target.remove": gettext_lazy("%(who)s removed the target."),
    "action_item.create": gettext_lazy("%(who)s added an action plan item."),
    "action_item.status": gettext_lazy("%(who)s changed the status of an action plan item."),
    "action_item.note": gettext_lazy("%(who)s wrote a note on an action plan item."),
    "action_item.evidence": gettext_lazy("%(who)s linked evidence to an action plan item."),
    "publication.publish": gettext_lazy("%(who)s published the result."),
    "publication.withdraw": gettext_lazy("%(who)s withdrew the published result."),
    "admin.add": gettext_lazy("%(who)s added a record in the platform administration."),
    "admin.change": gettext_lazy("%(who)s changed a record in the platform administration."),
    "admin.delete": gettext_lazy("%(who)s deleted a record in the platform administration."),
}
OTHER = gettext_lazy("%(who)s made a change.")
# Labels of the values written beside a model's fields (see the log_change calls).
EXTRA_LABELS = {
    "comment": gettext_lazy("comment"),
    "previous": gettext_lazy("previous period"),
    "answers": gettext_lazy("answers carried over"),
    "evidence_links": gettext_lazy("evidence links carried over"),
    "crosswalk": gettext_lazy("crosswalk"),
    "added_in_window": gettext_lazy("added in the re-upload window"),
    "items": gettext_lazy("data dukung items"),
}
HIDDEN = {"answer"}  # the indicator the entry belongs to already says which answer


@dataclass(frozen=True)
class Line:
    """One entry as shown: when, who, the sentence, and each change with a label."""

    entry: AuditEntry
    who: str
    sentence: str
    changes: list[tuple[str, str, str]]


@dataclass
class Names:
    """Names of what entries point at by id, each kind read in one query."""

    users: dict[int, str]
    opds: dict[int, str]
    contributions: dict[int, str]
    documents: dict[int, str]
    periods: dict[int, str]


def readable(entries: Iterable[AuditEntry], period: Period, *, name_indicators: bool) -> list[Line]:
    """The entries as sentences; `name_indicators` adds each indicator's name to its number."""
    entries = list(entries)
    names = _names(entries)
    indicators = period.definition.indicator_by_number
    lines = []
    for entry in entries:
        values = {**(entry.before or {}), **(entry.after or {})}
        indicator = str(entry.indicator or "–")
        if name_indicators and entry.indicator in indicators:
            indicator = f"{entry.indicator} ({indicators[entry.indicator].name})"
        who = names.users.get(entry.actor_id or 0) or entry.actor_name or _("Someone")
        sentence = str(SENTENCES.get(entry.action, OTHER)) % {
            "who": who,
            "opd": names.opds.get(values.get("opd") or 0, "OPD"),
            "indicator": indicator,
            "document": names.documents.get(values.get("document") or 0, _("a document")),
        }
        changes = [
            (_label(entry, name), shown_before, shown_after)
            for name, before, after in entry.changes()
            if name not in HIDDEN
            for shown_before, shown_after in [
                (_value(entry, name, before, names), _value(entry, name, after, names))
            ]
            if shown_before != shown_after  # None and "" both read "–"
        ]
        lines.append(Line(entry, who, sentence, changes))
    return lines


def _names(entries: list[AuditEntry]) -> Names:
    """Every id the entries name, read once per kind: a fixed number of queries."""
    wanted = {"opd": Opd, "contribution": Contribution, "level_source": Contribution}
    wanted.update(document=Document, previous=Period)
    ids: dict[type[models.Model], set[int]] = {}
    for entry in entries:
        for state in (entry.before or {}, entry.after or {}):
            for key, model in wanted.items():
                if isinstance(state.get(key), int):
                    ids.setdefault(model, set()).add(state[key])
    users = {entry.actor_id for entry in entries if entry.actor_id}
    contributions = Contribution.objects.filter(pk__in=ids.get(Contribution, ()))
    return Names(
        users={
            user.pk: user.get_full_name() or user.get_username()
            for user in (get_user_model().objects.filter(pk__in=users) if users else ())
        },
        opds=_by_id(Opd, ids, "name"),
        contributions={
            c.pk: c.opd.name
            for c in (contributions.select_related("opd") if Contribution in ids else ())
        },
        documents=_by_id(Document, ids, "title"),
        periods=_by_id(Period, ids, "name"),
    )


def _by_id(
    model: type[models.Model], ids: dict[type[models.Model], set[int]], field: str
) -> dict[int, str]:
    if model not in ids:
        return {}
    return dict(model._default_manager.filter(pk__in=ids[model]).values_list("pk", field))


def _field(entry: AuditEntry, name: str) -> models.Field[Any, Any] | None:
    try:
        model = apps.get_model(entry.object_type)
        return model._meta.get_field(name)  # type: ignore[return-value]
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _label(entry: AuditEntry, name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    field = _field(entry, name)
    label = getattr(field, "verbose_name", None) or name.replace("_", " ")
    return "OPD" if name == "opd" else str(label)


def _value(entry: AuditEntry, name: str, value: Any, names: Names) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    lookups = {
        "opd": names.opds,
        "contribution": names.contributions,
        "level_source": names.contributions,
        "document": names.documents,
        "previous": names.periods,
    }
    if name in lookups and isinstance(value, int):
        return lookups[name].get(value, "–")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    field = _field(entry, name)
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, value))
