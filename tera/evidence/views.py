"""The evidence bank pages, downloads, and citing evidence from the indicator page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.assessments.access import assigned_to, get_answer_for_user
from tera.assessments.models import Answer, Contribution
from tera.assessments.pages import answer_contributions, upload_opds
from tera.assessments.views.responses import invalid, perform
from tera.errors import ActionRefused
from tera.evidence import actions
from tera.evidence.access import get_document_for_user, get_link_for_user, visible_documents
from tera.evidence.forms import CiteForm, DocumentForm, RevisionForm
from tera.evidence.models import Document, DocumentRevision, EvidenceLink
from tera.evidence.uploads import oversized_upload
from tera.organizations.access import Access, get_instansi_for_user
from tera.organizations.models import Opd
from tera.registry.models import Instansi

PAGE_SIZE = 200


def _opds_for(instansi: Instansi, access: Access) -> Any:
    opds = Opd.objects.filter(instansi=instansi)
    return opds if access.reviews else opds.filter(pk__in=access.opd_ids)


def _oversized_error(request: HttpRequest, form: Any) -> None:
    name = oversized_upload(request)
    if name:
        limit = settings.TERA_UPLOAD_MAX_BYTES // (1024 * 1024)
        form.add_error(
            "file",
            _("“%(name)s” is larger than the limit of %(limit)s MB.")
            % {"name": name, "limit": limit},
        )


def _document_fields(form: DocumentForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "number": data["number"],
        "category": data["category"],
        "issued_on": data["issued_on"],
        "valid_until": data["valid_until"],
        "url": data["url"],
        "upload": data["file"],
    }


@login_required
def document_list(request: HttpRequest, instansi_pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, instansi_pk)
    documents = visible_documents(instansi, access).select_related("opd")
    query = request.GET.get("q", "").strip()
    if query:
        documents = documents.filter(Q(title__icontains=query) | Q(number__icontains=query))
    category = request.GET.get("category", "")
    if category in Document.Category.values:
        documents = documents.filter(category=category)
    latest = Prefetch("revisions", DocumentRevision.objects.order_by("-uploaded_at"))
    documents = documents.annotate(citations=Count("links")).prefetch_related(latest)
    form = DocumentForm(opds=_opds_for(instansi, access)) if access.contributes else None
    template = "evidence/document_list.html"
    if request.htmx:
        template += "#document-table"
    return render(
        request,
        template,
        {
            "instansi": instansi,
            "access": access,
            "documents": documents[:PAGE_SIZE],
            "total": documents.count(),
            "form": form,
            "query": query,
            "category": category,
            "categories": Document.Category.choices,
        },
    )


@login_required
@require_POST
def document_create(request: HttpRequest, instansi_pk: int) -> HttpResponse:
    instansi, access = get_instansi_for_user(request.user, instansi_pk)
    access.require(access.contributes)
    form = DocumentForm(request.POST, request.FILES, opds=_opds_for(instansi, access))
    valid = form.is_valid()
    _oversized_error(request, form)
    if valid and form.is_valid():
        try:
            document = actions.add_document(
                instansi, user=request.user, opd=form.cleaned_data["opd"], **_document_fields(form)
            )
        except actions.DuplicateFile as duplicate:
            if not visible_documents(instansi, access).filter(pk=duplicate.document.pk).exists():
                form.add_error(
                    "file",
                    _(
                        "This file is already in the evidence bank under another OPD; "
                        "ask the Koordinator to cite it."
                    ),
                )
            else:
                messages.error(request, duplicate.message)
                return redirect("evidence:document", duplicate.document.pk)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The document is added to the evidence bank."))
            return redirect("evidence:document", document.pk)
    return render(
        request,
        "evidence/document_form.html",
        {"instansi": instansi, "form": form},
        status=400,
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document, access = get_document_for_user(request.user, pk)
    links = EvidenceLink.objects.filter(document=document).select_related(
        "answer__period", "contribution__opd"
    )
    if not access.reads_everything:
        links = links.filter(answer__in=Answer.objects.filter(assigned_to(access)))
    return render(
        request,
        "evidence/document_detail.html",
        {
            "document": document,
            "access": access,
            "revisions": document.revisions.select_related("uploaded_by"),
            "links": links,
            "revision_form": RevisionForm() if _may_revise(document, access) else None,
        },
    )


def _may_revise(document: Document, access: Access) -> bool:
    return not document.is_link and _may_add_file(document, access)


def _may_add_file(document: Document, access: Access) -> bool:
    """A reviewer, or a member of the OPD that owns the document."""
    owner_may = document.opd_id is not None and access.may_edit_opd(document.opd_id)
    return access.reviews or owner_may


@login_required
@require_POST
def revision_create(request: HttpRequest, pk: int) -> HttpResponse:
    document, access = get_document_for_user(request.user, pk)
    access.require(_may_add_file(document, access))
    form = RevisionForm(request.POST, request.FILES)
    valid = form.is_valid()
    _oversized_error(request, form)
    if valid and form.is_valid():
        try:
            actions.add_revision(document, form.cleaned_data["file"], user=request.user)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The new version is stored; earlier versions are kept."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("evidence:document", document.pk)


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    revision = get_object_or_404(DocumentRevision.objects.only("document_id"), pk=pk)
    document, _access = get_document_for_user(request.user, revision.document_id)
    revision = document.revisions.get(pk=pk)
    response = FileResponse(
        revision.file.open("rb"), as_attachment=True, filename=revision.original_name
    )
    response["Content-Type"] = "application/octet-stream"
    response["Cache-Control"] = "private, no-store"
    return response


def _contribution_from(answer: Answer, raw: str | None) -> Contribution | None:
    if not raw:
        return None
    return get_object_or_404(answer_contributions(answer).select_related("opd"), pk=raw)


@login_required
@require_POST
def upload_for_answer(request: HttpRequest, period_pk: int, number: int) -> HttpResponse:
    answer, access = get_answer_for_user(request.user, period_pk, number)
    contribution = _contribution_from(answer, request.POST.get("contribution"))
    access.require(access.may_cite_for(contribution.opd_id if contribution else None))
    form = DocumentForm(
        request.POST, request.FILES, prefix="upload", opds=upload_opds(answer, access)
    )
    valid = form.is_valid()
    _oversized_error(request, form)
    if not (valid and form.is_valid()):
        return invalid(request, answer, access, {"upload": form})
    outcome = {"message": _("The document is uploaded and cited.")}

    def upload_and_cite() -> None:
        actions.require_link_rights(request.user, answer, contribution)
        document, known = actions.add_and_cite(
            answer,
            user=request.user,
            contribution=contribution,
            opd=contribution.opd if contribution else form.cleaned_data["opd"],
            **_document_fields(form),
        )
        if known:
            outcome["message"] = _(
                "This file is already in the evidence bank as “%(title)s”; "
                "that document is cited instead of a new copy."
            ) % {"title": document}

    return perform(
        request,
        answer,
        access,
        upload_and_cite,
        success=lambda: outcome["message"],
        forms={"upload": form},
    )


@login_required
@require_POST
def cite_for_answer(request: HttpRequest, period_pk: int, number: int) -> HttpResponse:
    answer, access = get_answer_for_user(request.user, period_pk, number)
    contribution = _contribution_from(answer, request.POST.get("contribution"))
    access.require(access.may_cite_for(contribution.opd_id if contribution else None))
    documents = visible_documents(answer.period.instansi, access)
    definition = answer.period.definition
    form = CiteForm(
        request.POST,
        prefix="cite",
        documents=documents,
        indicator=definition.indicator_by_number[answer.indicator],
    )
    if not form.is_valid():
        return invalid(request, answer, access, {"cite": form})
    return perform(
        request,
        answer,
        access,
        lambda: actions.link_document(
            answer,
            form.cleaned_data["document"],
            contribution=contribution,
            note=form.cleaned_data["note"],
            items=form.cleaned_data.get("items", []),
            user=request.user,
        ),
        success=_("The document is cited."),
        forms={"cite": form},
    )


@login_required
@require_POST
def unlink(request: HttpRequest, pk: int) -> HttpResponse:
    link, _access = get_link_for_user(request.user, pk)
    answer, access = get_answer_for_user(request.user, link.answer.period_id, link.answer.indicator)
    return perform(
        request,
        answer,
        access,
        lambda: actions.unlink_document(link, user=request.user),
        success=_("The citation is removed; the document stays in the evidence bank."),
    )
