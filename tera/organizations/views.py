"""The instansi page: its OPD, its people and its periods, managed by the Koordinator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.assessments.models import Period
from tera.errors import ActionRefused
from tera.organizations import actions
from tera.organizations.access import Access, get_instansi_for_user
from tera.organizations.forms import MemberForm, OpdForm, PeopleImportForm
from tera.organizations.models import Membership
from tera.registry.models import Instansi


def _page(
    request: HttpRequest, instansi: Instansi, access: Access, status: int = 200, **forms: Any
) -> HttpResponse:
    opds = instansi.opds.all()
    context = {
        "instansi": instansi,
        "access": access,
        "opds": opds,
        "periods": Period.objects.filter(instansi=instansi).select_related("instrument"),
        "memberships": Membership.objects.filter(instansi=instansi).select_related("user", "opd")
        if access.reads_everything
        else [],
        "opd_form": forms.get("opd_form") or OpdForm(),
        "member_form": forms.get("member_form") or MemberForm(opds=opds),
        "import_form": forms.get("import_form") or PeopleImportForm(),
        "imported": forms.get("imported"),
        "problems": forms.get("problems", []),
        "new_password": forms.get("new_password"),
    }
    return render(request, "organizations/instansi.html", context, status=status)


@login_required
def instansi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, pk)
    return _page(request, instansi, access)


@login_required
@require_POST
def opd_create(request: HttpRequest, pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, pk)
    access.require(access.manages)
    form = OpdForm(request.POST)
    if form.is_valid():
        try:
            actions.add_opd(instansi, user=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error("name", refused.message)
        else:
            messages.success(request, _("The OPD is added."))
            return redirect("organizations:instansi", instansi.pk)
    return _page(request, instansi, access, status=400, opd_form=form)


@login_required
@require_POST
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, pk)
    access.require(access.manages)
    form = MemberForm(request.POST, opds=instansi.opds.all())
    if form.is_valid():
        try:
            membership, password = actions.add_member(
                instansi, user=request.user, **form.cleaned_data
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            return _page(
                request, instansi, access, new_password=(membership.user.username, password)
            )
    return _page(request, instansi, access, status=400, member_form=form)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, pk)
    access.require(access.manages)
    membership = get_object_or_404(Membership, pk=membership_pk, instansi=instansi)
    try:
        actions.remove_member(membership, user=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The role is removed."))
    return redirect("organizations:instansi", instansi.pk)


@login_required
@require_POST
def people_import(request: HttpRequest, pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, pk)
    access.require(access.manages)
    form = PeopleImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, instansi, access, status=400, import_form=form)
    sheet = form.cleaned_data["sheet"]
    try:
        result = actions.import_people(
            instansi, Path(sheet.temporary_file_path()), sheet.name, user=request.user
        )
    except actions.ImportRejected as rejected:
        form.add_error("sheet", rejected.message)
        return _page(request, instansi, access, 400, import_form=form, problems=rejected.problems)
    return _page(request, instansi, access, imported=result)
