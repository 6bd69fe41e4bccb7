"""The external stages of a period: entering scores by hand or from a sheet, and comparing them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.assessments.stage_forms import StageEntryForm, StageImportForm
from tera.assessments.stages import (
    comparison,
    entry_rows,
    import_stage_sheet,
    record_stage_scores,
    stage_label,
)
from tera.core.stages import EXTERNAL_STAGES, Stage, previous_stage
from tera.errors import ActionRefused
from tera.organizations.access import Access
from tera.organizations.actions import ImportRejected


@login_required
def stage_comparison(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    context = {"period": period, "access": access, "comparison": comparison(period)}
    return render(request, "assessments/stages.html", context)


EXTERNAL = {stage.value for stage in EXTERNAL_STAGES}


def _external_stage(slug: str) -> Stage:
    if slug not in EXTERNAL:
        raise Http404
    return Stage(slug)


@login_required
def stage_entry(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    chosen = _external_stage(stage)
    rows = entry_rows(period, chosen)
    form = StageEntryForm(request.POST or None, instrument=period.definition, rows=rows)
    if request.method != "POST":
        return _entry_page(request, period, access, chosen, form)
    if form.is_valid():
        try:
            changed = record_stage_scores(period, chosen, form.entries(), user=request.user)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _recorded_message(changed, chosen))
            return redirect("assessments:stage_entry", period.pk, chosen.value)
    return _entry_page(request, period, access, chosen, form, status=400)


@login_required
@require_POST
def stage_import(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = StageImportForm(request.POST, request.FILES)
    chosen = Stage(form.data["stage"]) if form.data.get("stage") in EXTERNAL else Stage.DOKUMEN
    problems: list[str] = []
    if form.is_valid():
        sheet = form.cleaned_data["sheet"]
        try:
            changed = import_stage_sheet(
                period, chosen, Path(sheet.temporary_file_path()), sheet.name, user=request.user
            )
        except ImportRejected as rejected:
            form.add_error("sheet", rejected.message)
            problems = rejected.problems
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _recorded_message(changed, chosen))
            return redirect("assessments:stage_entry", period.pk, chosen.value)
    entry_form = StageEntryForm(instrument=period.definition, rows=entry_rows(period, chosen))
    return _entry_page(
        request, period, access, chosen, entry_form, import_form=form, problems=problems, status=400
    )


def _recorded_message(changed: list[int], stage: Stage) -> str:
    if not changed:
        return _("Nothing changed: every indicator keeps the level shown.")
    return ngettext(
        "%(count)s indicator recorded for %(stage)s.",
        "%(count)s indicators recorded for %(stage)s.",
        len(changed),
    ) % {"count": len(changed), "stage": stage_label(stage)}


def _entry_page(
    request: HttpRequest,
    period: Period,
    access: Access,
    stage: Stage,
    form: StageEntryForm,
    *,
    import_form: StageImportForm | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = [
        (row, form[f"level_{row.indicator.number}"], form[f"note_{row.indicator.number}"])
        for row in form.rows
    ]
    context: dict[str, Any] = {
        "period": period,
        "access": access,
        "stage": stage,
        "stage_name": stage_label(stage),
        "previous_name": stage_label(previous_stage(stage)),
        "stages": [(each.value, stage_label(each)) for each in EXTERNAL_STAGES],
        "rows": rows,
        "form": form,
        "import_form": import_form or StageImportForm(initial={"stage": stage.value}),
        "problems": problems or [],
    }
    return render(request, "assessments/stage_entry.html", context, status=status)
