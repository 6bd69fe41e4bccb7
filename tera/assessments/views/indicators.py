"""The indicator page and the inline actions on it: contributions, the answer, the review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.assessments import actions
from tera.assessments.access import get_answer_for_user, get_contribution_for_user
from tera.assessments.forms import AnswerForm, ContributionForm, ReviewForm, VersionedForm
from tera.assessments.pages import IndicatorPage, answer_contributions
from tera.assessments.views.responses import invalid, perform, show_indicator

EVIDENCE_FORMS_TEMPLATE = "assessments/evidence_forms.html"


@login_required
def indicator(request: HttpRequest, period_pk: int, number: int) -> HttpResponse:
    answer, access = get_answer_for_user(request.user, period_pk, number)
    page = IndicatorPage(answer, access, evidence_forms_open=request.GET.get("part") == "evidence")
    if request.htmx and page.evidence_forms_open:
        return render(request, EVIDENCE_FORMS_TEMPLATE, page.evidence_context())
    return show_indicator(request, page)


@login_required
@require_POST
def save_answer(request: HttpRequest, period_pk: int, number: int) -> HttpResponse:
    answer, access = get_answer_for_user(request.user, period_pk, number)
    access.require(access.reviews)
    form = AnswerForm.for_answer(
        answer, answer.period.definition, answer_contributions(answer), data=request.POST
    )
    forms = {"answer": form}
    if not form.is_valid():
        return invalid(request, answer, access, forms)
    data = form.cleaned_data
    return perform(
        request,
        answer,
        access,
        lambda: actions.save_answer(
            answer,
            version=data["version"],
            level=data["level"],
            fakta=data["fakta"],
            analisis=data["analisis"],
            level_source=data.get("level_source"),
            source_value=data.get("source_value"),
            user=request.user,
        ),
        success=_("The answer is saved."),
        forms=forms,
        form_key="answer",
    )


@login_required
@require_POST
def adopt_contribution(request: HttpRequest, period_pk: int, number: int, pk: int) -> HttpResponse:
    """Take an OPD's proposal as the instansi's answer: level, facts and analysis."""
    answer, access = get_answer_for_user(request.user, period_pk, number)
    access.require(access.reviews)
    contribution = get_object_or_404(answer_contributions(answer), pk=pk)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return invalid(request, answer, access, {})
    return perform(
        request,
        answer,
        access,
        lambda: actions.save_answer(
            answer,
            version=form.cleaned_data["version"],
            level=contribution.level,
            fakta=contribution.fakta,
            analisis=contribution.analisis,
            level_source=contribution,
            user=request.user,
        ),
        success=_("The proposal of %(opd)s is now the answer.") % {"opd": contribution.opd},
    )


@login_required
@require_POST
def submit_answer(request: HttpRequest, period_pk: int, number: int) -> HttpResponse:
    answer, access = get_answer_for_user(request.user, period_pk, number)
    access.require(access.reviews)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return invalid(request, answer, access, {})
    return perform(
        request,
        answer,
        access,
        lambda: actions.submit_answer(
            answer, version=form.cleaned_data["version"], user=request.user
        ),
        success=_("The answer is submitted for review."),
    )


@login_required
@require_POST
def review_answer(request: HttpRequest, period_pk: int, number: int) -> HttpResponse:
    answer, access = get_answer_for_user(request.user, period_pk, number)
    access.require(access.reviews)
    definition = answer.period.definition
    form = ReviewForm(
        request.POST,
        instrument=definition,
        indicator=definition.indicator_by_number[answer.indicator],
    )
    forms = {"review": form}
    if not form.is_valid():
        return invalid(request, answer, access, forms)
    data = form.cleaned_data
    if data["decision"] == "accept":
        action = lambda: actions.accept_answer(  # noqa: E731
            answer,
            version=data["version"],
            reviewer_level=data["reviewer_level"],
            comment=data["comment"],
            user=request.user,
        )
        success = _("The answer is accepted.")
    else:
        action = lambda: actions.request_revision(  # noqa: E731
            answer, version=data["version"], comment=data["comment"], user=request.user
        )
        success = _("A revision is requested.")
    return perform(request, answer, access, action, success=success, forms=forms, form_key="review")


@login_required
@require_POST
def save_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    contribution, access = get_contribution_for_user(request.user, pk)
    access.require(access.may_edit_opd(contribution.opd_id))
    answer, _access = get_answer_for_user(
        request.user, contribution.period_id, contribution.indicator
    )
    form = ContributionForm.for_contribution(
        contribution, answer.period.definition, data=request.POST
    )
    key = f"c{contribution.pk}"
    if not form.is_valid():
        return invalid(request, answer, access, {key: form})
    data = form.cleaned_data
    return perform(
        request,
        answer,
        access,
        lambda: actions.save_contribution(
            contribution,
            version=data["version"],
            level=data["level"],
            fakta=data["fakta"],
            analisis=data["analisis"],
            user=request.user,
        ),
        success=_("The contribution of %(opd)s is saved.") % {"opd": contribution.opd},
        forms={key: form},
        form_key=key,
    )


@login_required
@require_POST
def submit_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    contribution, access = get_contribution_for_user(request.user, pk)
    access.require(access.may_edit_opd(contribution.opd_id))
    answer, _access = get_answer_for_user(
        request.user, contribution.period_id, contribution.indicator
    )
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return invalid(request, answer, access, {})
    return perform(
        request,
        answer,
        access,
        lambda: actions.submit_contribution(
            contribution, version=form.cleaned_data["version"], user=request.user
        ),
        success=_("The contribution of %(opd)s is submitted.") % {"opd": contribution.opd},
    )
