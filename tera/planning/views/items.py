"""The action plan of a period: its items, one item with its progress, and new items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.assessments.access import get_period_for_user
from tera.assessments.models import Period
from tera.errors import ActionRefused
from tera.evidence.access import visible_documents
from tera.organizations.access import Access
from tera.organizations.models import Opd
from tera.planning import actions
from tera.planning.access import get_item_for_user, may_work_on, visible_items
from tera.planning.forms import EvidenceForm, ItemForm, NoteForm, StatusForm
from tera.planning.models import ActionItem
from tera.planning.monitoring import rows_of
from tera.planning.plans import default_due_date

Status = ActionItem.Status


def _owners(period: Period, access: Access) -> Any:
    opds = Opd.objects.filter(instansi=period.instansi_id)
    return opds if access.reads_everything else opds.filter(pk__in=access.opd_ids)


@login_required
def item_list(request: HttpRequest, pk: int) -> HttpResponse:
    period, access = get_period_for_user(request.user, pk)
    items = visible_items(period, access).select_related("owner")
    owners = list(_owners(period, access))
    owner = request.GET.get("opd", "")
    if owner in {str(opd.pk) for opd in owners}:
        items = items.filter(owner_id=owner)
    status = request.GET.get("status", "")
    if status in Status.values:
        items = items.filter(status=status)
    context = {
        "period": period,
        "access": access,
        "rows": rows_of(items, timezone.localdate()),
        "owners": owners,
        "owner_filter": owner,
        "statuses": Status.choices,
        "status_filter": status,
    }
    template = "planning/items.html#item-table" if request.htmx else "planning/items.html"
    return render(request, template, context)


@login_required
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new item from the assessors' recommendation (or of the Koordinator's own)."""
    period, access = get_period_for_user(request.user, pk)
    access.require(access.manages)
    form = ItemForm(
        request.POST or None,
        instrument=period.definition,
        opds=_owners(period, access),
        initial={"due_on": default_due_date(period, timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.create_item(period, user=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The action item is added."))
            return redirect("planning:item", item.pk)
    status = 400 if request.method == "POST" else 200
    context = {"period": period, "form": form}
    return render(request, "planning/item_form.html", context, status=status)


def _status_choices(item: ActionItem, access: Access) -> list[tuple[str, str]]:
    """Only the Koordinator drops an item or takes a dropped one up again."""
    if access.manages:
        return Status.choices
    if item.status == Status.DROPPED:
        return []
    return [choice for choice in Status.choices if choice[0] != Status.DROPPED]


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item, access = get_item_for_user(request.user, pk)
    period = item.period
    context: dict[str, Any] = {
        "item": item,
        "period": period,
        "access": access,
        "indicator": period.definition.indicator_by_number[item.indicator],
        "late": item.is_late(timezone.localdate()),
        "notes": item.notes.select_related("author"),
        "evidence": item.evidence.select_related("document"),
    }
    if may_work_on(access, item):
        choices = _status_choices(item, access)
        status_form = StatusForm(initial={"status": item.status}) if choices else None
        if status_form is not None:
            status_form.fields["status"].choices = choices
        documents = (
            visible_documents(period.instansi, access)
            .exclude(item_links__item=item)
            .only("title", "number")
            .order_by("title")
        )
        context.update(
            status_form=status_form,
            note_form=NoteForm(),
            evidence_form=EvidenceForm(documents=documents),
        )
    return render(request, "planning/item.html", context)


def _work(
    request: HttpRequest,
    pk: int,
    make_form: Callable[[ActionItem, Access], Any],
    action: Callable[[ActionItem, dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """Check the user may work on the item before reading the form; then act and go back."""
    item, access = get_item_for_user(request.user, pk)
    access.require(may_work_on(access, item))
    form = make_form(item, access)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("planning:item", item.pk)
    try:
        action(item, form.cleaned_data)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success)
    return redirect("planning:item", item.pk)


@login_required
@require_POST
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _work(
        request,
        pk,
        lambda item, access: StatusForm(request.POST),
        lambda item, data: actions.set_status(item, data["status"], user=request.user),
        _("The status is saved."),
    )


@login_required
@require_POST
def item_note(request: HttpRequest, pk: int) -> HttpResponse:
    return _work(
        request,
        pk,
        lambda item, access: NoteForm(request.POST),
        lambda item, data: actions.add_note(item, data["text"], user=request.user),
        _("The progress note is added."),
    )


@login_required
@require_POST
def item_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    return _work(
        request,
        pk,
        lambda item, access: EvidenceForm(
            request.POST, documents=visible_documents(item.period.instansi, access)
        ),
        lambda item, data: actions.link_evidence(item, data["document"], user=request.user),
        _("The document is linked to the item."),
    )
