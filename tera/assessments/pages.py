"""What the period and indicator pages show, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from tera.assessments.actions import SelfReview, contribution_is_editable, self_review
from tera.assessments.forms import AnswerForm, ContributionForm, ReviewForm
from tera.assessments.history import readable
from tera.assessments.instrument_change import earlier_levels
from tera.assessments.models import Answer, Contribution, DeadlineWindow, Period
from tera.assessments.values import conversion_of
from tera.assessments.windows import open_reupload_window
from tera.audit.log import history
from tera.core.instrument import Indicator, LevelDetail
from tera.core.ladder import Rung, ladder
from tera.core.scoring import Score, score
from tera.evidence.access import visible_documents
from tera.evidence.forms import CiteForm, DocumentForm
from tera.evidence.freshness import Cited, freshness_flags
from tera.evidence.models import DocumentRevision, EvidenceLink
from tera.organizations.access import Access
from tera.organizations.models import Opd

HISTORY_LENGTH = 40


def self_assessed_score(period: Period, answers: list[Answer] | None = None) -> Score:
    """From the answers already read, or from the levels alone, read without building models."""
    if answers is None:
        levels = dict(period.answers.exclude(level=None).values_list("indicator", "level"))
    else:
        levels = {a.indicator: a.level for a in answers if a.level is not None}
    return score(period.definition, levels, period.year)


def reviewed_score(period: Period, answers: list[Answer]) -> Score:
    levels = {a.indicator: a.reviewer_level for a in answers if a.reviewer_level is not None}
    return score(period.definition, levels, period.year)


@dataclass
class Card:
    """One OPD contribution on the indicator page, with its form when the user may edit it."""

    contribution: Contribution
    links: list[EvidenceLink]
    form: ContributionForm | None = None
    is_level_source: bool = False


@dataclass
class IndicatorPage:
    answer: Answer
    access: Access
    forms: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    notice: str = ""
    conflict: Any = None
    conflict_form: str = ""
    # The upload and cite forms (with the whole evidence bank to choose from) are drawn when the
    # user asks for them, or to show what was wrong with a document just sent.
    evidence_forms_open: bool = False
    # Who looks at the page, for the rule that the submitter of an answer does not accept it.
    viewer: Any = None

    @property
    def indicator(self) -> Indicator:
        return self.answer.period.definition.indicator_by_number[self.answer.indicator]

    @property
    def is_plain(self) -> bool:
        """Shows only what is stored: no input sent back, no message, no forms asked for."""
        return not (
            self.forms or self.error or self.notice or self.conflict or self.evidence_forms_open
        )

    def frame(self) -> dict[str, Any]:
        """What the page shows around its body: where the indicator sits in the instrument."""
        definition = self.answer.period.definition
        indicator = self.indicator
        return {
            "period": self.answer.period,
            "instrument": definition,
            "indicator": indicator,
            "aspect": next(a for a in definition.aspects if a.number == indicator.aspect_number),
        }

    def context(self) -> dict[str, Any]:
        answer, access = self.answer, self.access
        period = answer.period
        definition = period.definition
        contributions = self._contributions()
        links = _links(answer)
        cards = [self._card(c, links) for c in contributions]
        editable = self._answer_editable()
        reviewing = self.self_review
        editable_cards = {card.contribution.pk for card in cards if card.form}
        window = open_reupload_window(period)
        for link in links:
            mine = link.contribution_id in editable_cards
            link.removable = (  # type: ignore[attr-defined]
                mine or (link.contribution_id is None and editable) or self._added_in(window, link)
            )
        context = {
            **self.frame(),
            "answer": answer,
            "access": access,
            "cards": cards,
            "answer_links": [link for link in links if link.contribution_id is None],
            "all_links": links,
            "flags": _flags(answer, links),
            "notes": list(answer.notes.select_related("author")),
            "history": readable(
                history(period.pk, answer.indicator)[:HISTORY_LENGTH], period, name_indicators=False
            ),
            "answer_form": self.forms.get("answer")
            or (
                AnswerForm.for_answer(
                    answer, definition, answer_contributions(answer), loaded=contributions
                )
                if editable
                else None
            ),
            "review_form": self._review_form(reviewing),
            "self_review": reviewing,
            "error": self.error,
            "notice": self.notice,
            "conflict": self.conflict,
            "conflict_form": self.conflict_form,
            "earlier": earlier_levels(answer, access),
            "criteria": criteria_rows(self.indicator, links),
            "conversion": conversion_of(definition, self.indicator, answer.source_value),
        }
        context.update(self._evidence_forms(cards, editable, window))
        if access.reads_everything:
            context["score"] = self_assessed_score(period)
        return context

    def evidence_context(self) -> dict[str, Any]:
        """The evidence section alone, for the request that opens its forms."""
        period = self.answer.period
        cards = [self._card(c, []) for c in self._contributions()]
        return {
            "period": period,
            "indicator": self.indicator,
            **self._evidence_forms(cards, self._answer_editable(), open_reupload_window(period)),
        }

    def _contributions(self) -> list[Contribution]:
        contributions = list(answer_contributions(self.answer).select_related("opd", "updated_by"))
        for contribution in contributions:
            contribution.period = self.answer.period
        return contributions

    def _answer_editable(self) -> bool:
        answer = self.answer
        return self.access.reviews and answer.is_editable and not answer.period.is_locked

    def _added_in(self, window: DeadlineWindow | None, link: EvidenceLink) -> bool:
        """A link added in the open re-upload window, by someone with the user's rights."""
        if window is None or link.added_in_window_id != window.pk:
            return False
        return self.access.may_cite_for(link.contribution.opd_id if link.contribution else None)

    def _card(self, contribution: Contribution, links: list[EvidenceLink]) -> Card:
        card = Card(
            contribution,
            [link for link in links if link.contribution_id == contribution.pk],
            is_level_source=self.answer.level_source_id == contribution.pk,
        )
        if self.access.may_edit_opd(contribution.opd_id) and contribution_is_editable(
            contribution, self.answer
        ):
            card.form = self.forms.get(f"c{contribution.pk}") or ContributionForm.for_contribution(
                contribution, self.answer.period.definition
            )
        return card

    def _reviewable(self) -> bool:
        answer = self.answer
        reviewable = answer.status in (Answer.Status.SUBMITTED, Answer.Status.ACCEPTED)
        return self.access.reviews and reviewable and not answer.period.is_locked

    @cached_property
    def self_review(self) -> SelfReview:
        """Whether the viewer submitted the answer, read once: the body's cache key holds it."""
        if self.viewer is None or not self._reviewable():
            return SelfReview.OTHER
        return self_review(self.answer, self.viewer)

    def _review_form(self, reviewing: SelfReview) -> ReviewForm | None:
        if not self._reviewable():
            return None
        answer = self.answer
        definition = answer.period.definition
        form = self.forms.get("review") or ReviewForm(
            instrument=definition,
            indicator=definition.indicator_by_number[answer.indicator],
            initial={"version": answer.version},
        )
        if reviewing == SelfReview.REFUSED:
            form.offer_revision_only()
        return form

    def _evidence_forms(
        self, cards: list[Card], answer_editable: bool, window: DeadlineWindow | None
    ) -> dict[str, Any]:
        targets = [card.contribution for card in cards if card.form]
        if window is not None:
            # The re-upload window reopens citing evidence in a locked period, not the answers.
            targets = [
                card.contribution
                for card in cards
                if self.access.may_edit_opd(card.contribution.opd_id)
            ]
            answer_editable = self.access.reviews
        if not (answer_editable or targets):
            return {}
        allowed = {"may_add_evidence": True, "reupload_window": window}
        if not (self.evidence_forms_open or "upload" in self.forms or "cite" in self.forms):
            return allowed
        period = self.answer.period
        documents = (
            visible_documents(period.instansi, self.access)
            .exclude(links__answer=self.answer)
            .only("title", "number")
            .order_by("title")
        )
        return {
            **allowed,
            "upload_form": self.forms.get("upload")
            or DocumentForm(prefix="upload", opds=upload_opds(self.answer, self.access)),
            "cite_form": self.forms.get("cite")
            or CiteForm(prefix="cite", documents=documents, indicator=self.indicator),
            "link_targets": targets,
            "cite_for_answer": answer_editable,
        }


@dataclass(frozen=True)
class CriterionRow:
    """One level of the criteria card: its text, details, and its data dukung items."""

    level: int
    text: str
    detail: LevelDetail | None
    rung: Rung | None


def criteria_rows(indicator: Indicator, links: list[EvidenceLink]) -> list[CriterionRow]:
    rungs = {
        rung.level: rung for rung in ladder(indicator, (c for link in links for c in link.items))
    }
    return [
        CriterionRow(level, text, indicator.details.get(level), rungs.get(level))
        for level, text in sorted(indicator.criteria.items())
    ]


def upload_opds(answer: Answer, access: Access) -> QuerySet[Opd]:
    """A reviewer may file a document under any OPD; an OPD member under their own."""
    opds = Opd.objects.filter(instansi=answer.period.instansi_id)
    return opds if access.reviews else opds.filter(pk__in=access.opd_ids)


def answer_contributions(answer: Answer) -> QuerySet[Contribution]:
    return Contribution.objects.filter(period=answer.period_id, indicator=answer.indicator)


def _links(answer: Answer) -> list[EvidenceLink]:
    revisions = Prefetch("document__revisions", DocumentRevision.objects.order_by("-uploaded_at"))
    return list(
        EvidenceLink.objects.filter(answer=answer)
        .select_related("document", "contribution__opd")
        .prefetch_related(revisions)
    )


def _flags(answer: Answer, links: list[EvidenceLink]) -> list[str]:
    period = answer.period
    definition = period.definition
    cited = [
        Cited(
            link.document.title,
            link.document.category,
            link.document.issued_on,
            link.document.valid_until,
        )
        for link in links
    ]
    indicator = definition.indicator_by_number[answer.indicator]
    return freshness_flags(definition, indicator, answer.level, cited, period.reference_date)


# What the table and the summary read; the narratives, the longest columns, stay in the database.
ROW_ANSWER_FIELDS = ("period", "indicator", "level", "reviewer_level", "status", "carried_over")
ROW_CONTRIBUTION_FIELDS = ("period", "indicator", "is_lead", "opd", "opd__name", "opd__short_name")


@dataclass(frozen=True)
class Row:
    answer: Answer
    name: str
    contributions: list[Contribution]


def period_rows(period: Period, answers: QuerySet[Answer]) -> list[tuple[Any, list[Row]]]:
    """Visible answers grouped by aspect, each with its OPD and evidence count."""
    definition = period.definition
    answers = answers.only(*ROW_ANSWER_FIELDS).annotate(evidence_count=Count("evidence_links"))
    by_indicator = {answer.indicator: answer for answer in answers}
    contributions: dict[int, list[Contribution]] = {}
    listed = period.contributions.filter(indicator__in=by_indicator).select_related("opd")
    for contribution in listed.only(*ROW_CONTRIBUTION_FIELDS):
        contributions.setdefault(contribution.indicator, []).append(contribution)
    groups = []
    for aspect in definition.aspects:
        rows = [
            Row(by_indicator[i.number], i.name, contributions.get(i.number, []))
            for i in aspect.indicators
            if i.number in by_indicator
        ]
        if rows:
            groups.append((aspect, rows))
    return groups
