"""Evidence metadata: the documents a user can see and what an answer cites. No file bytes:
each revision names the web app's download address, which checks the same rights."""

from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from tera.api.errors import READ_ERRORS
from tera.api.pagination import Pages
from tera.api.schemas import OpdOut
from tera.assessments.access import get_answer_for_user
from tera.evidence.access import get_document_for_user, visible_documents
from tera.evidence.models import Document, DocumentRevision, EvidenceLink
from tera.organizations.access import get_instansi_for_user

router = Router(tags=["evidence"])
NEWEST_FIRST = Prefetch("revisions", DocumentRevision.objects.order_by("-uploaded_at", "-pk"))


class RevisionOut(Schema):
    id: int
    original_name: str
    size: int
    sha256: str
    content_type: str
    uploaded_at: datetime
    download_url: str

    @staticmethod
    def resolve_download_url(revision: DocumentRevision, context: dict[str, object]) -> str:
        request = context["request"]
        return request.build_absolute_uri(  # type: ignore[attr-defined, no-any-return]
            reverse("evidence:download", args=[revision.pk])
        )


class DocumentOut(Schema):
    id: int
    instansi_id: int
    opd: OpdOut | None
    title: str
    number: str
    category: Document.Category
    issued_on: date | None
    valid_until: date | None
    url: str
    created_at: datetime
    revisions: list[RevisionOut]

    @staticmethod
    def resolve_revisions(document: Document) -> list[DocumentRevision]:
        return list(document.revisions.all())


class LinkOut(Schema):
    id: int
    document: DocumentOut
    contribution_id: int | None
    opd: OpdOut | None
    note: str
    carried_over: bool
    added_at: datetime

    @staticmethod
    def resolve_opd(link: EvidenceLink) -> object:
        return link.contribution.opd if link.contribution else None


@router.get(
    "/instansi/{instansi_id}/documents",
    response={200: list[DocumentOut], **READ_ERRORS},
    summary="The evidence bank of an instansi, as far as the user can see it",
)
@paginate(Pages)
def list_documents(request: HttpRequest, instansi_id: int) -> QuerySet[Document]:
    """An OPD member sees their OPD's documents and those cited for their indicators."""
    instansi, access = get_instansi_for_user(request.user, instansi_id)
    return (
        visible_documents(instansi, access)
        .select_related("opd")
        .prefetch_related(NEWEST_FIRST)
        .order_by("-created_at", "-pk")
    )


@router.get(
    "/documents/{document_id}",
    response={200: DocumentOut, **READ_ERRORS},
    summary="One document with its file revisions",
)
def get_document(request: HttpRequest, document_id: int) -> Document:
    document, _access = get_document_for_user(request.user, document_id)
    return Document.objects.select_related("opd").prefetch_related(NEWEST_FIRST).get(pk=document.pk)


@router.get(
    "/periods/{period_id}/answers/{indicator}/evidence",
    response={200: list[LinkOut], **READ_ERRORS},
    summary="The documents cited for one answer, and which OPD's contribution cited each",
)
def list_answer_evidence(
    request: HttpRequest, period_id: int, indicator: int
) -> list[EvidenceLink]:
    answer, _access = get_answer_for_user(request.user, period_id, indicator)
    return list(
        EvidenceLink.objects.filter(answer=answer)
        .select_related("document__opd", "contribution__opd")
        .prefetch_related(Prefetch("document__revisions", NEWEST_FIRST.queryset))
    )
