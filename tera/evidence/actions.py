"""Adding documents and file revisions, and citing them for answers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tera.assessments.actions import contribution_is_editable
from tera.assessments.models import Answer, Contribution, DeadlineWindow
from tera.assessments.windows import require_open
from tera.audit.log import record, snapshot
from tera.core.ladder import item_codes
from tera.errors import ActionRefused
from tera.evidence.files import CheckedFile, check_upload
from tera.evidence.models import Document, DocumentRevision, EvidenceLink, storage_path
from tera.organizations.access import access_for
from tera.organizations.models import Opd
from tera.registry.models import Instansi

logger = logging.getLogger(__name__)
DOCUMENT_FIELDS = ("title", "number", "category", "issued_on", "valid_until", "url", "opd")
LINK_FIELDS = ("answer", "contribution", "document", "note", "items")


class DuplicateFile(ActionRefused):
    """The same bytes are already in the instansi's evidence bank."""

    def __init__(self, document: Document):
        super().__init__(
            _("This file is already in the evidence bank as “%(title)s”.") % {"title": document}
        )
        self.document = document


def add_document(
    instansi: Instansi,
    *,
    user: Any,
    title: str,
    category: str,
    number: str = "",
    issued_on: date | None = None,
    valid_until: date | None = None,
    opd: Opd | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
) -> Document:
    """A new document from an uploaded file or a URL; a known file raises DuplicateFile."""
    access = access_for(user, instansi)
    access.require(access.contributes and (opd is None or access.may_edit_opd(opd.pk)))
    access.require(opd is not None or access.reviews)
    if opd is not None and opd.instansi_id != instansi.pk:
        raise ActionRefused(_("This OPD belongs to another instansi."))
    if (upload is None) == (not url):
        raise ActionRefused(_("Give either a file or a URL."))
    document = Document(
        instansi=instansi,
        opd=opd,
        title=title.strip(),
        number=number.strip(),
        category=category,
        issued_on=issued_on,
        valid_until=valid_until,
        url=url.strip(),
        created_by=user,
    )
    if upload is None:
        with transaction.atomic():
            document.save()
            _log(user, "document.add", document, None, DOCUMENT_FIELDS)
        return document
    checked = _checked(instansi, upload)
    _store(document, checked, upload, user, save_document=True)
    return document


def add_revision(document: Document, upload: UploadedFile, *, user: Any) -> DocumentRevision:
    access = access_for(user, document.instansi)
    access.require(
        access.reviews or (document.opd_id is not None and access.may_edit_opd(document.opd_id))
    )
    if document.is_link:
        raise ActionRefused(_("A URL document has no file to replace."))
    return _store(document, _checked(document.instansi, upload), upload, user)


def _checked(instansi: Instansi, upload: UploadedFile) -> CheckedFile:
    checked = check_upload(upload, settings.TERA_UPLOAD_MAX_BYTES)
    same = (
        DocumentRevision.objects.filter(document__instansi=instansi, sha256=checked.sha256)
        .select_related("document")
        .first()
    )
    if same is not None:
        raise DuplicateFile(same.document)
    return checked


def _store(
    document: Document,
    checked: CheckedFile,
    upload: UploadedFile,
    user: Any,
    save_document: bool = False,
) -> DocumentRevision:
    """Write the file first, then the rows; if the rows fail, the file is removed again."""
    name = _save_file(storage_path(document.instansi_id, checked.name), upload, user)
    try:
        with transaction.atomic():
            if save_document:
                document.save()
                _log(user, "document.add", document, None, DOCUMENT_FIELDS)
            revision = DocumentRevision.objects.create(
                document=document,
                file=name,
                original_name=checked.name,
                size=checked.size,
                sha256=checked.sha256,
                content_type=checked.file_type.content_type,
                uploaded_by=user,
            )
            _log(user, "document.revision", revision, None, (), sha256=checked.sha256)
    except BaseException:
        default_storage.delete(name)
        raise
    return revision


def _save_file(name: str, upload: UploadedFile, user: Any) -> str:
    """A storage that fails part-way (disk full, bucket unreachable) may leave part of the file
    behind; the name holds a fresh uuid, so whatever lies there is this upload's to remove."""
    try:
        return default_storage.save(name, upload)
    except Exception as exc:
        logger.exception("storing %s for user %s failed", name, getattr(user, "pk", None))
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("removing the part of %s that was stored failed", name)
        raise ActionRefused(
            _("The file could not be stored, and nothing was saved. Try again in a moment.")
        ) from exc


def _log(
    user: Any, action: str, obj: Any, before: Any, fields: tuple[str, ...], **extra: Any
) -> None:
    document = obj if isinstance(obj, Document) else obj.document
    record(
        actor=user,
        action=action,
        obj=obj,
        instansi_id=document.instansi_id,
        before=before,
        after={**snapshot(obj, fields), **extra},
    )


def require_link_rights(
    user: Any, answer: Answer, contribution: Contribution | None
) -> DeadlineWindow | None:
    """Refuse unless the user may cite here now; a locked period only in its re-upload window.

    Returns that window when it is what allows the change, so the link can be marked with it.
    """
    access = access_for(user, answer.period.instansi)
    access.require(access.may_cite_for(contribution.opd_id if contribution else None))
    if answer.period.is_locked:
        return require_open(answer.period, DeadlineWindow.Kind.UNGGAH_ULANG)
    if contribution is None:
        editable = answer.is_editable
    else:
        editable = contribution_is_editable(contribution, answer)
    if not editable:
        raise ActionRefused(_("Evidence for this answer cannot be changed in its current state."))
    return None


@transaction.atomic
def link_document(
    answer: Answer,
    document: Document,
    *,
    user: Any,
    contribution: Contribution | None = None,
    note: str = "",
    items: Sequence[str] = (),
) -> EvidenceLink:
    window = require_link_rights(user, answer, contribution)
    indicator = answer.period.definition.indicator_by_number[answer.indicator]
    known = {code for code, _text in item_codes(indicator)}
    if unknown := sorted(set(items) - known):
        raise ActionRefused(
            _("This indicator has no data dukung item %(code)s.") % {"code": unknown[0]}
        )
    if document.instansi_id != answer.period.instansi_id:
        raise ActionRefused(_("This document belongs to another instansi."))
    if contribution is not None and (
        contribution.period_id != answer.period_id or contribution.indicator != answer.indicator
    ):
        raise ActionRefused(_("That contribution belongs to another indicator."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                link = EvidenceLink.objects.create(
                    answer=answer,
                    document=document,
                    contribution=contribution,
                    note=note.strip(),
                    items=sorted(set(items)),
                    added_in_window=window,
                    added_by=user,
                )
        except IntegrityError:
            raise ActionRefused(_("This document is already cited for this indicator.")) from None
        _log_link(user, "evidence.link", link, None)
    return link


def add_and_cite(
    answer: Answer,
    *,
    user: Any,
    contribution: Contribution | None,
    opd: Opd | None,
    **fields: Any,
) -> tuple[Document, bool]:
    """Store a new document (or find the same file already in the bank) and cite it, all or
    nothing: when citing fails, the new rows roll back and the stored file is removed too.
    Returns the document and whether it was already in the bank."""
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            try:
                document = add_document(answer.period.instansi, user=user, opd=opd, **fields)
                stored_files = list(document.revisions.values_list("file", flat=True))
                known = False
            except DuplicateFile as duplicate:
                document, known = duplicate.document, True
            link_document(answer, document, contribution=contribution, user=user)
    except BaseException:
        for name in stored_files:
            default_storage.delete(name)
        raise
    return document, known


@transaction.atomic
def unlink_document(link: EvidenceLink, *, user: Any) -> None:
    window = require_link_rights(user, link.answer, link.contribution)
    if window is not None and link.added_in_window_id != window.pk:
        raise ActionRefused(
            _("The period is locked: only evidence added in this re-upload window can be removed.")
        )
    before = snapshot(link, LINK_FIELDS)
    link_id, answer = link.pk, link.answer
    link.delete()
    link.pk = link_id
    link.answer = answer
    _log_link(user, "evidence.unlink", link, before, deleted=True)


def _log_link(
    user: Any, action: str, link: EvidenceLink, before: Any, deleted: bool = False
) -> None:
    period = link.answer.period
    record(
        actor=user,
        action=action,
        obj=link,
        instansi_id=period.instansi_id,
        period_id=period.pk,
        indicator=link.answer.indicator,
        before=before,
        after=None if deleted else _link_state(link),
    )


def _link_state(link: EvidenceLink) -> dict[str, Any]:
    state = snapshot(link, LINK_FIELDS)
    if link.added_in_window_id:  # cited after the lock, through the re-upload window
        state["added_in_window"] = link.added_in_window_id
    return state
