"""The storage failing in the middle of an upload: no document, no revision, no audit entry and
no part of the file are left, the user reads a clear message, and the retry stores the file."""

from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tera.audit.models import AuditEntry
from tera.evidence.models import Document, DocumentRevision, EvidenceLink
from tests.evidence.samples import pdf_bytes, stored_files, upload

pytestmark = pytest.mark.django_db
MESSAGE = "The file could not be stored, and nothing was saved. Try again in a moment."


class DiskFillsUp(FileSystemStorage):
    """Writes the first bytes of the next file it saves, then fails as a full disk does."""

    failures = 0

    def _save(self, name, content):
        if not DiskFillsUp.failures:
            return super()._save(name, content)
        DiskFillsUp.failures -= 1
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(64))
        raise OSError(28, "No space left on device")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.faults.test_storage_fails.DiskFillsUp"},
    }
    DiskFillsUp.failures = 1
    return settings.MEDIA_ROOT


def evidence_rows():
    return Document.objects.count(), DocumentRevision.objects.count(), EvidenceLink.objects.count()


def new_document(client, period):
    return client.post(
        reverse("evidence:document_create", args=[period.instansi_id]),
        {
            "title": "Laporan reviu SPBE 2024",
            "category": "reviu",
            "file": upload("reviu-2024.pdf", pdf_bytes("Laporan reviu 2024")),
        },
    )


def test_a_failed_upload_leaves_no_row_no_audit_entry_and_no_part_of_the_file(
    client, koordinator, period, media
):
    client.force_login(koordinator)
    audit_entries = AuditEntry.objects.count()
    new_document(client, period)
    assert evidence_rows() == (0, 0, 0)
    assert AuditEntry.objects.count() == audit_entries
    assert stored_files(media) == []


def test_the_user_is_told_that_nothing_was_stored(client, koordinator, period, media):
    client.force_login(koordinator)
    response = new_document(client, period)
    assert response.status_code == 400
    with translation.override("id"):
        assert gettext(MESSAGE) in response.text


def test_uploading_the_same_file_again_stores_it(client, koordinator, period, media):
    client.force_login(koordinator)
    new_document(client, period)
    response = new_document(client, period)
    revision = DocumentRevision.objects.get()
    assert response["Location"] == reverse("evidence:document", args=[revision.document_id])
    assert revision.file.read() == pdf_bytes("Laporan reviu 2024")
    assert len(stored_files(media)) == 1


def test_an_upload_cited_from_the_indicator_page_leaves_nothing_either(
    client, koordinator, period, media
):
    client.force_login(koordinator)
    url = reverse("evidence:upload_for_answer", args=[period.pk, 2])
    data = {
        "upload-title": "SK Tim SPBE",
        "upload-category": "kebijakan",
        "upload-file": upload("sk-tim.pdf", pdf_bytes("SK Tim SPBE")),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert evidence_rows() == (0, 0, 0) and stored_files(media) == []
    data["upload-file"] = upload("sk-tim.pdf", pdf_bytes("SK Tim SPBE"))
    assert client.post(url, data).status_code == 302
    assert evidence_rows() == (1, 1, 1)
