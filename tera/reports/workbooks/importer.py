"""Importing a period workbook: every row is checked first, then all changes are made at once.

Changes go through the same actions as the pages (save_answer, link_document, unlink_document),
so permissions, versions and the audit log apply as if the Koordinator had typed them in. A cell
equal to what is stored changes nothing and writes no audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tera.assessments.actions import require, save_answer
from tera.assessments.models import Answer, Period
from tera.assessments.values import value_refusal
from tera.core.instrument import Scale, Value
from tera.core.values import as_value, read_number
from tera.errors import ActionRefused, Conflict
from tera.evidence.actions import link_document, require_link_rights, unlink_document
from tera.evidence.models import Document, EvidenceLink
from tera.reports.workbooks import layout
from tera.reports.workbooks.reader import (
    ParsedWorkbook,
    Problem,
    Row,
    WorkbookRejected,
    read_workbook,
    whole_number,
)

Progress = Callable[[int, str], None]


@dataclass
class Change:
    """What one worksheet row changes in its answer; `fields` is empty when only citations do."""

    row: int
    answer: Answer
    version: int
    level: int | None
    fakta: str
    analisis: str
    fields: list[layout.Column] = field(default_factory=list)
    add: list[Document] = field(default_factory=list)
    remove: list[EvidenceLink] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.fields or self.add or self.remove)


@dataclass(frozen=True)
class Summary:
    answers: int
    cited: int
    uncited: int


def import_workbook(
    period: Period, content: bytes, *, user: Any, progress: Progress | None = None
) -> Summary:
    """Check the whole workbook, then apply it in one transaction; refused, nothing changes."""
    changes = check_workbook(period, content, user=user)
    return apply_changes(changes, user=user, progress=progress)


def check_workbook(period: Period, content: bytes, *, user: Any) -> list[Change]:
    """Every change the workbook makes, or WorkbookRejected naming every problem found."""
    require(user, period, "manages")
    if period.is_locked:
        raise ActionRefused(_("This period is locked; nothing in it can change."))
    parsed = read_workbook(content)
    problems = _identity_problems(period, parsed.meta)
    if problems:
        raise WorkbookRejected(problems)
    changes, problems = _RowChecker(period, parsed, user).check()
    if problems:
        raise WorkbookRejected(problems)
    return changes


def _identity_problems(period: Period, meta: dict[str, str]) -> list[Problem]:
    version = period.instrument
    if meta.get("format") != layout.FORMAT:
        return [
            Problem(
                _("The hidden sheet does not say this is a Tera period workbook."),
                layout.META_SHEET,
            )
        ]
    problems = []
    if meta.get("period") != str(period.pk) or meta.get("instansi") != str(period.instansi_id):
        problems.append(
            Problem(
                _(
                    "This workbook belongs to another period. Download the workbook of %(period)s "
                    "and copy your changes into it."
                )
                % {"period": period.name},
                layout.META_SHEET,
            )
        )
    if (meta.get("instrument"), meta.get("revision")) != (version.code, str(version.revision)):
        problems.append(
            Problem(
                _("This workbook was made for the instrument %(found)s; this period uses %(used)s.")
                % {
                    "found": f"{meta.get('instrument', '?')} r{meta.get('revision', '?')}",
                    "used": f"{version.code} r{version.revision}",
                },
                layout.META_SHEET,
            )
        )
    return problems


def _edited(row: Row, level: int | None, fakta: str, analisis: str) -> bool:
    """Whether someone changed the row's level or explanation since the workbook was made;
    without its fingerprint, every difference from the database counts as an edit."""
    made = row.text(layout.FINGERPRINT).strip()
    return not made or made != layout.fingerprint(level, fakta, analisis)


def _cited_when_made(row: Row) -> set[int] | None:
    """The documents the row cited when the workbook was made; None without that column."""
    if layout.CITED not in row.cells:
        return None
    numbers = (whole_number(part) for part in row.text(layout.CITED).split(","))
    return {number for number in numbers if number is not None}


def unchanged_text(cell: str, stored: str) -> bool:
    """The cell shows the stored text, as the writer put it (saving strips the ends anyway)."""
    return layout.sheet_text(cell).strip() == layout.sheet_text(stored).strip()


class _RowChecker:
    """Compares each row with the database, collecting the changes and every problem."""

    def __init__(self, period: Period, parsed: ParsedWorkbook, user: Any):
        self.period, self.parsed, self.user = period, parsed, user
        self.answers = {answer.indicator: answer for answer in period.answers.all()}
        for answer in self.answers.values():
            answer.period = period
        self.links: dict[int, list[EvidenceLink]] = {}
        for link in EvidenceLink.objects.filter(answer__period=period).select_related(
            "document", "contribution"
        ):
            self.links.setdefault(link.answer_id, []).append(link)
        self.documents = {d.pk: d for d in Document.objects.filter(instansi=period.instansi_id)}
        self.seen: dict[int, int] = {}
        self.problems: list[Problem] = []

    def check(self) -> tuple[list[Change], list[Problem]]:
        changes = []
        for row in self.parsed.rows:
            change = self._check_row(row)
            if change is not None and change.changes_anything:
                changes.append(change)
        return changes, self.problems

    def _problem(self, row: Row, column: layout.Column, message: str) -> None:
        name = self.parsed.column_name(column)
        self.problems.append(Problem(message, layout.WORKSHEET, row.number, name))

    def _check_row(self, row: Row) -> Change | None:
        answer = self._answer(row)
        level_ok, level = self._level(row, None if answer is None else answer.indicator)
        documents = self._citations(row)
        if answer is None or not level_ok or documents is None:
            return None
        change = self._compare(row, answer, level, documents)
        if change.changes_anything:
            self._check_allowed(row, change)
        return change

    def _answer(self, row: Row) -> Answer | None:
        key_column = layout.KEY if row.text(layout.KEY).strip() else layout.NUMBER
        text = row.text(key_column).strip()
        if not text:
            if any(row.text(column).strip() for column in layout.REQUIRED_COLUMNS):
                self._problem(
                    row, key_column, _("This row names no indicator; rows cannot be added.")
                )
            return None
        number = whole_number(row.cells.get(key_column))
        if number is None or number not in self.answers:
            self._problem(
                row,
                key_column,
                _("Indicator “%(value)s” is not in the instrument %(instrument)s.")
                % {"value": text, "instrument": self.period.instrument},
            )
            return None
        if number in self.seen:
            self._problem(
                row,
                key_column,
                _("Indicator %(number)s is on row %(other)s already; keep one row per indicator.")
                % {"number": number, "other": self.seen[number]},
            )
            return None
        self.seen[number] = row.number
        return self.answers[number]

    def _level(self, row: Row, number: int | None) -> tuple[bool, Value | None]:
        text = row.text(layout.LEVEL).strip()
        if not text or number is None:
            return True, None
        definition = self.period.definition
        scale = definition.scale_for(number)
        read = read_number(text)
        level = None if read is None else as_value(scale, read)
        if level is None:
            self._problem(row, layout.LEVEL, self._level_refusal(scale, text))
            return False, None
        source = definition.indicator_by_number[number].source_index
        if source is not None and level != self.answers[number].level:
            self._problem(
                row,
                layout.LEVEL,
                _(
                    "Indicator %(number)s is converted from %(index)s: enter that index's value "
                    "on the indicator page instead of the value here."
                )
                % {"number": number, "index": source.name},
            )
            return False, None
        return True, level

    @staticmethod
    def _level_refusal(scale: Scale, text: str) -> str:
        if scale.is_decimal:
            return f"{value_refusal(scale, text)} {_('Or leave the cell empty.')}"
        return _(
            "Level “%(value)s” is not allowed; write a whole number from %(low)s to "
            "%(high)s or leave it empty."
        ) % {"value": text, "low": int(scale.lowest), "high": scale.highest}

    def _citations(self, row: Row) -> list[Document] | None:
        """The cited documents, one per line; None when a line names none of the instansi's."""
        found: list[Document] = []
        ok = True
        for line in row.text(layout.EVIDENCE).splitlines():
            if not line.strip():
                continue
            document = self._document(row, line)
            ok = ok and document is not None
            if document is not None and document not in found:
                found.append(document)
        return found if ok else None

    def _document(self, row: Row, line: str) -> Document | None:
        cited = layout.CITATION.match(line)
        if cited:
            document = self.documents.get(int(cited.group(1)))
            if document is None:
                self._problem(
                    row,
                    layout.EVIDENCE,
                    _("Document [%(number)s] is not in the evidence bank of %(instansi)s.")
                    % {"number": cited.group(1), "instansi": self.period.instansi},
                )
            return document
        title = " ".join(line.split()).casefold()
        named = [
            d for d in self.documents.values() if " ".join(d.title.split()).casefold() == title
        ]
        if len(named) == 1:
            return named[0]
        message = (
            _("No document titled “%(title)s” is in the evidence bank; upload it there first.")
            if not named
            else _(
                "Several documents are titled “%(title)s”; write the number of the one you "
                "mean, as in [12]."
            )
        )
        self._problem(row, layout.EVIDENCE, message % {"title": line.strip()})
        return None

    def _compare(
        self, row: Row, answer: Answer, level: int | None, documents: list[Document]
    ) -> Change:
        fakta, analisis = row.text(layout.FAKTA), row.text(layout.ANALISIS)
        change = Change(
            row.number,
            answer,
            version=whole_number(row.cells.get(layout.VERSION)) or answer.version,
            level=level,
            fakta=answer.fakta if unchanged_text(fakta, answer.fakta) else fakta,
            analisis=answer.analisis if unchanged_text(analisis, answer.analisis) else analisis,
        )
        if _edited(row, level, fakta, analisis):
            fields = [
                (layout.LEVEL, level != answer.level),
                (layout.FAKTA, change.fakta != answer.fakta),
                (layout.ANALISIS, change.analisis != answer.analisis),
            ]
            change.fields = [column for column, differs in fields if differs]
        self._compare_citations(row, change, documents)
        return change

    def _compare_citations(self, row: Row, change: Change, documents: list[Document]) -> None:
        """Only the lines someone added or removed in the workbook change the citations, so
        that what others cited in Tera meanwhile stays."""
        links = self.links.get(change.answer.pk, [])
        stored = {link.document_id for link in links}
        exported = _cited_when_made(row)
        wanted = {document.pk for document in documents}
        added = wanted - (stored if exported is None else exported | stored)
        removed = stored - wanted if exported is None else (exported - wanted) & stored
        change.add = [document for document in documents if document.pk in added]
        change.remove = [link for link in links if link.document_id in removed]

    def _check_allowed(self, row: Row, change: Change) -> None:
        answer = change.answer
        first = (change.fields or [layout.EVIDENCE])[0]
        if not answer.is_editable:
            self._problem(
                row,
                first,
                _(
                    "The answer to indicator %(number)s is %(status)s; it must stay as it is "
                    "until a revision is requested."
                )
                % {"number": answer.indicator, "status": answer.get_status_display().lower()},
            )
            return
        if change.fields and change.version != answer.version:
            self._problem(
                row,
                first,
                _(
                    "Indicator %(number)s was changed in Tera after this workbook was made; "
                    "download the workbook again and copy your changes into it."
                )
                % {"number": answer.indicator},
            )
        self._check_citing(row, change)

    def _check_citing(self, row: Row, change: Change) -> None:
        """The evidence rules of the pages: e.g. an OPD's citation only while the OPD may edit."""
        contributions = {link.contribution for link in change.remove}
        if change.add:
            contributions.add(None)
        for contribution in contributions:
            if contribution is not None:
                contribution.period = self.period
            try:
                require_link_rights(self.user, change.answer, contribution)
            except (ActionRefused, PermissionDenied) as refused:
                message = getattr(refused, "message", "") or _("You may not change this evidence.")
                self._problem(row, layout.EVIDENCE, message)
                return


@transaction.atomic
def apply_changes(changes: list[Change], *, user: Any, progress: Progress | None = None) -> Summary:
    report = progress or (lambda _percent, _message: None)
    for done, change in enumerate(changes):
        answer = change.answer
        if change.fields:
            _save(change, user)
        for link in change.remove:
            link.answer = answer
            unlink_document(link, user=user)
        for document in change.add:
            link_document(answer, document, user=user)
        report(
            10 + 85 * (done + 1) // len(changes),
            _("Indicator %(number)s saved.") % {"number": answer.indicator},
        )
    return Summary(
        answers=sum(1 for change in changes if change.fields),
        cited=sum(len(change.add) for change in changes),
        uncited=sum(len(change.remove) for change in changes),
    )


def _save(change: Change, user: Any) -> None:
    answer = change.answer
    level_source = answer.level_source if change.level == answer.level else None
    try:
        save_answer(
            answer,
            version=change.version,
            level=change.level,
            fakta=change.fakta,
            analisis=change.analisis,
            level_source=level_source,
            source_value=answer.source_value,
            user=user,
        )
    except Conflict:
        raise ActionRefused(
            _(
                "Indicator %(number)s was changed in Tera while the workbook was being imported; "
                "nothing was changed. Import it again."
            )
            % {"number": answer.indicator}
        ) from None
