"""Everything a period workbook shows, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.pages import self_assessed_score
from tera.core.instrument import Aspect, Domain, Instrument
from tera.core.scoring import Score
from tera.evidence.models import DocumentRevision, EvidenceLink
from tera.reports.workbooks.layout import citation_line


@dataclass(frozen=True)
class Citation:
    document_id: int
    line: str


@dataclass(frozen=True)
class WorkbookData:
    period: Period
    score: Score
    answers: dict[int, Answer]
    contributions: dict[int, list[Contribution]]
    citations: dict[int, list[Citation]]

    @property
    def definition(self) -> Instrument:
        return self.period.definition


def workbook_data(period: Period) -> WorkbookData:
    answers = list(period.answers.all())
    contributions: dict[int, list[Contribution]] = {}
    for contribution in period.contributions.select_related("opd"):
        contributions.setdefault(contribution.indicator, []).append(contribution)
    return WorkbookData(
        period=period,
        score=self_assessed_score(period, answers),
        answers={answer.indicator: answer for answer in answers},
        contributions=contributions,
        citations=period_citations(period),
    )


def period_citations(period: Period) -> dict[int, list[Citation]]:
    """indicator -> each cited document with its line, in the order they were cited."""
    latest_first = DocumentRevision.objects.order_by("-uploaded_at", "-pk")
    links = (
        EvidenceLink.objects.filter(answer__period=period)
        .select_related("document", "answer")
        .prefetch_related(Prefetch("document__revisions", latest_first))
        .order_by("added_at", "pk")
    )
    citations: dict[int, list[Citation]] = {}
    for link in links:
        revisions = list(link.document.revisions.all())
        file_name = revisions[0].original_name if revisions else ""
        citations.setdefault(link.answer.indicator, []).append(
            Citation(link.document_id, citation_line(link.document, file_name))
        )
    return citations


def sections(definition: Instrument) -> list[tuple[Domain | None, Aspect]]:
    """Each aspect with its domain, in the instrument's order; None for an instrument without."""
    if not definition.domains:
        return [(None, aspect) for aspect in definition.aspects]
    return [(domain, aspect) for domain in definition.domains for aspect in domain.aspects]
