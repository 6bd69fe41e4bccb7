"""Fetching documents and evidence links for a user: outside their reach is a 404."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tera.assessments.access import visible_answers
from tera.assessments.models import Contribution
from tera.evidence.models import Document, EvidenceLink
from tera.organizations.access import Access, User, access_for
from tera.registry.models import Instansi


def visible_documents(instansi: Instansi, access: Access) -> QuerySet[Document]:
    """An OPD member sees the OPD's own documents and those cited for its indicators."""
    documents = Document.objects.filter(instansi=instansi)
    if access.reads_everything:
        return documents
    if not access.can_read:
        return documents.none()
    cited_for_opd = EvidenceLink.objects.filter(document=OuterRef("pk")).filter(
        Exists(
            Contribution.objects.filter(
                period=OuterRef("answer__period"),
                indicator=OuterRef("answer__indicator"),
                opd_id__in=access.opd_ids,
            )
        )
    )
    return documents.filter(Q(opd_id__in=access.opd_ids) | Exists(cited_for_opd))


def get_document_for_user(user: User, pk: int) -> tuple[Document, Access]:
    document = get_object_or_404(Document.objects.select_related("instansi", "opd"), pk=pk)
    access = access_for(user, document.instansi)
    if not visible_documents(document.instansi, access).filter(pk=pk).exists():
        raise Http404
    return document, access


def get_link_for_user(user: User, pk: int) -> tuple[EvidenceLink, Access]:
    link = get_object_or_404(
        EvidenceLink.objects.select_related(
            "answer__period__instansi", "answer__period__instrument", "contribution", "document"
        ),
        pk=pk,
    )
    period = link.answer.period
    access = access_for(user, period.instansi)
    # An OPD member may see the document yet not the indicator it is cited for.
    if not (
        visible_answers(period, access).filter(pk=link.answer_id).exists()
        and visible_documents(period.instansi, access).filter(pk=link.document_id).exists()
    ):
        raise Http404
    return link, access
