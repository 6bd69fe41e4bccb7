"""Uploading evidence through the pages: what is stored, what is refused, and that a refusal
leaves no row and no file behind."""

import hashlib
import zipfile

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tera.assessments.models import Answer, Contribution
from tera.evidence import actions
from tera.evidence.files import RejectedFile
from tera.evidence.models import Document, DocumentRevision, EvidenceLink
from tests.evidence.samples import (
    MULTIPART,
    docx_bytes,
    multipart,
    pdf_bytes,
    png_bytes,
    stored_files,
    upload,
    xlsx_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ONE_MEGABYTE = 1024 * 1024


def in_indonesian(message, **values):
    """The message as the user reads it on the page (the default locale is `id`)."""
    with translation.override("id"):
        text = str(message) if not isinstance(message, str) else gettext(message)
    return escape(text % values if values else text)


def add_document(client, instansi, file, **fields):
    data = {"title": "Laporan Reviu SPBE 2024", "category": "reviu", "file": file, **fields}
    return client.post(reverse("evidence:document_create", args=[instansi.pk]), data)


def assert_nothing_stored(media_root):
    assert Document.objects.count() == 0
    assert DocumentRevision.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("laporan-reviu.pdf", pdf_bytes(), "application/pdf"),
        ("tangkapan-layar.png", png_bytes(), "image/png"),
        ("perwal-spbe.docx", docx_bytes(), WORD),
        ("rekap-layanan.xlsx", xlsx_bytes(), EXCEL),
    ],
)
def test_accepted_file_is_stored_with_its_sha256_and_sniffed_content_type(
    client, koordinator, kota, media_root, name, content, content_type
):
    client.force_login(koordinator)
    response = add_document(client, kota, upload(name, content, "application/octet-stream"))
    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("evidence:document", args=[document.pk])
    revision = document.revisions.get()
    assert revision.sha256 == hashlib.sha256(content).hexdigest()
    assert revision.content_type == content_type
    assert revision.size == len(content)
    assert revision.original_name == name
    assert (media_root / revision.file.name).read_bytes() == content


def test_opd_member_upload_is_filed_under_their_opd(client, opd_member, kota, kominfo):
    client.force_login(opd_member)
    add_document(client, kota, upload("sop-pusat-data.pdf", pdf_bytes()), opd=kominfo.pk)
    document = Document.objects.get()
    assert document.opd == kominfo
    assert document.created_by == opd_member


def test_opd_member_cannot_file_an_upload_under_another_opd(
    client, opd_member, kota, bappeda, media_root
):
    client.force_login(opd_member)
    response = add_document(client, kota, upload("renstra.pdf", pdf_bytes()), opd=bappeda.pk)
    assert response.status_code == 400
    assert_nothing_stored(media_root)


def test_file_at_the_size_limit_is_accepted(client, koordinator, kota, settings):
    settings.TERA_UPLOAD_MAX_BYTES = ONE_MEGABYTE
    content = pdf_bytes().ljust(ONE_MEGABYTE, b" ")
    client.force_login(koordinator)
    response = add_document(client, kota, upload("laporan.pdf", content))
    assert response.status_code == 302
    assert DocumentRevision.objects.get().size == ONE_MEGABYTE


def test_oversized_file_is_refused_with_the_limit_and_nothing_is_stored(
    client, koordinator, kota, settings, media_root
):
    settings.TERA_UPLOAD_MAX_BYTES = ONE_MEGABYTE
    content = pdf_bytes().ljust(ONE_MEGABYTE + 1, b" ")
    client.force_login(koordinator)
    response = add_document(client, kota, upload("laporan-besar.pdf", content))
    assert response.status_code == 400
    expected = in_indonesian(
        "“%(name)s” is larger than the limit of %(limit)s MB.", name="laporan-besar.pdf", limit=1
    )
    assert expected in response.text
    assert_nothing_stored(media_root)


def test_oversized_file_given_to_the_action_directly_is_refused_with_both_sizes(
    koordinator, kota, settings, media_root
):
    settings.TERA_UPLOAD_MAX_BYTES = ONE_MEGABYTE
    big = upload("laporan.pdf", pdf_bytes().ljust(2 * ONE_MEGABYTE, b" "))
    with translation.override("en"), pytest.raises(RejectedFile) as refused:
        actions.add_document(kota, user=koordinator, title="Laporan", category="reviu", upload=big)
    assert refused.value.message == "The file is 2,0 MB; the limit is 1,0 MB."
    assert_nothing_stored(media_root)


def test_empty_file_given_to_the_action_directly_is_refused(koordinator, kota, media_root):
    empty = upload("kosong.pdf", b"")
    with translation.override("en"), pytest.raises(RejectedFile) as refused:
        actions.add_document(
            kota, user=koordinator, title="Laporan", category="reviu", upload=empty
        )
    assert refused.value.message == "The file is empty."
    assert_nothing_stored(media_root)


def test_outsider_upload_to_another_instansi_is_a_404_and_stores_nothing(
    client, outsider, kota, media_root
):
    client.force_login(outsider)
    response = add_document(client, kota, upload("laporan.pdf", pdf_bytes()))
    assert response.status_code == 404
    assert_nothing_stored(media_root)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)),
        ("laporan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("laporan.pdf", b"#!/bin/sh\nrm -rf /\n"),
    ],
    ids=["windows-exe", "html", "shell-script"],
)
def test_file_disguised_as_pdf_is_refused_and_nothing_is_stored(
    client, koordinator, kota, media_root, name, content
):
    client.force_login(koordinator)
    response = add_document(client, kota, upload(name, content, "application/pdf"))
    assert response.status_code == 400
    expected = in_indonesian(
        "This kind of file is not accepted. Upload PDF, Office, image or archive files."
    )
    assert expected in response.text
    assert_nothing_stored(media_root)


def test_pdf_renamed_to_docx_is_refused_as_a_mismatch(client, koordinator, kota, media_root):
    client.force_login(koordinator)
    response = add_document(client, kota, upload("perwal-spbe.docx", pdf_bytes(), WORD))
    assert response.status_code == 400
    expected = in_indonesian(
        "The name ends in .%(extension)s but the content is %(kind)s; rename or convert it.",
        extension="docx",
        kind="PDF",
    )
    assert expected in response.text
    assert_nothing_stored(media_root)


def test_empty_file_is_refused_and_nothing_is_stored(client, koordinator, kota, media_root):
    client.force_login(koordinator)
    response = add_document(client, kota, upload("kosong.pdf", b""))
    assert response.status_code == 400
    assert in_indonesian(forms.FileField.default_error_messages["empty"]) in response.text
    assert_nothing_stored(media_root)


def test_zip_bomb_named_docx_is_refused_without_being_unpacked(
    client, koordinator, kota, media_root, monkeypatch
):
    bomb = zip_bytes({"payload.bin": bytes(20 * ONE_MEGABYTE)})
    assert len(bomb) < ONE_MEGABYTE

    def never_unpack(*args, **kwargs):
        raise AssertionError("an archive entry was unpacked while sniffing the upload")

    monkeypatch.setattr(zipfile.ZipFile, "open", never_unpack)
    client.force_login(koordinator)
    response = add_document(client, kota, upload("perwal-spbe.docx", bomb, WORD))
    assert response.status_code == 400
    expected = in_indonesian(
        "The name ends in .%(extension)s but the content is %(kind)s; rename or convert it.",
        extension="docx",
        kind="ZIP",
    )
    assert expected in response.text
    assert_nothing_stored(media_root)


def test_zip_with_office_content_types_but_no_office_parts_is_not_a_docx(
    client, koordinator, kota, media_root
):
    fake = zip_bytes({"[Content_Types].xml": b"<Types/>", "payload.bin": b"x" * 1000})
    client.force_login(koordinator)
    response = add_document(client, kota, upload("perwal-spbe.docx", fake, WORD))
    assert response.status_code == 400
    assert_nothing_stored(media_root)


@pytest.mark.parametrize(
    ("sent_name", "stored_name"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("/var/www/tera/settings.pdf", "settings.pdf"),
        ("&#46;&#46;&#47;&#46;&#46;&#47;rahasia.pdf", "rahasia.pdf"),
        ("lap\x00oran\x07.pdf", "laporan.pdf"),
        ("laporan\x1b[31mmerah.pdf", "laporan_31mmerah.pdf"),
        ("a" * 300 + ".pdf", "a" * 100 + ".pdf"),
    ],
    ids=["dot-dot-slash", "dot-dot-backslash", "absolute", "html-escaped", "nul", "escape", "long"],
)
def test_hostile_file_name_is_sanitised_and_stored_under_the_instansi(
    client, koordinator, kota, media_root, sent_name, stored_name
):
    body = multipart({"title": "Laporan", "category": "reviu"}, "file", sent_name, pdf_bytes())
    client.force_login(koordinator)
    response = client.post(
        reverse("evidence:document_create", args=[kota.pk]), body, content_type=MULTIPART
    )
    assert response.status_code == 302
    revision = DocumentRevision.objects.get()
    assert revision.original_name == stored_name
    assert revision.file.name.startswith(f"evidence/{kota.pk}/")
    [stored] = stored_files(media_root)
    assert (media_root / "evidence" / str(kota.pk)).resolve() in stored.resolve().parents


@pytest.mark.parametrize(
    ("given_name", "stored_name"),
    [
        ("..\\..\\windows\\system32\\x.pdf", "x.pdf"),
        ("lap\x00oran.pdf", "lap_oran.pdf"),
        ("  ..hidden.pdf", "hidden.pdf"),
        ("Laporan Reviu – 2024.PDF", "Laporan Reviu_2024.pdf"),
        ("....pdf", "berkas.pdf"),
    ],
)
def test_name_given_to_the_action_directly_is_sanitised(
    koordinator, kota, media_root, given_name, stored_name
):
    file = upload("placeholder.pdf", pdf_bytes())
    file.name = given_name
    document = actions.add_document(
        kota, user=koordinator, title="Laporan", category="reviu", upload=file
    )
    revision = document.revisions.get()
    assert revision.original_name == stored_name
    assert revision.file.name.startswith(f"evidence/{kota.pk}/")


def test_same_bytes_uploaded_again_point_to_the_first_document_and_are_not_stored_twice(
    client, koordinator, kota, media_root
):
    client.force_login(koordinator)
    add_document(client, kota, upload("reviu-2024.pdf", pdf_bytes()), title="Reviu 2024")
    first = Document.objects.get()
    response = add_document(client, kota, upload("salinan.pdf", pdf_bytes()), title="Salinan")
    assert response.status_code == 302
    assert response.url == reverse("evidence:document", args=[first.pk])
    assert Document.objects.get() == first
    assert DocumentRevision.objects.count() == 1
    assert len(stored_files(media_root)) == 1
    page = client.get(response.url)
    expected = in_indonesian(
        "This file is already in the evidence bank as “%(title)s”.", title="Reviu 2024"
    )
    assert expected in page.text


def test_same_bytes_in_another_instansi_are_not_a_duplicate(
    client, koordinator, outsider, kota, other_kota, media_root
):
    client.force_login(koordinator)
    add_document(client, kota, upload("reviu-2024.pdf", pdf_bytes()))
    client.force_login(outsider)
    response = add_document(client, other_kota, upload("reviu-2024.pdf", pdf_bytes()))
    assert response.status_code == 302
    assert Document.objects.filter(instansi=other_kota).count() == 1
    assert len(stored_files(media_root)) == 2


def test_duplicate_of_a_document_the_opd_member_cannot_see_does_not_send_them_to_it(
    client, koordinator, other_opd_member, kota, kominfo, bappeda, media_root
):
    actions.add_document(
        kota,
        user=koordinator,
        title="SOP Pusat Data Diskominfo",
        category="kebijakan",
        opd=kominfo,
        upload=upload("sop.pdf", pdf_bytes()),
    )
    client.force_login(other_opd_member)
    response = add_document(client, kota, upload("sop-salinan.pdf", pdf_bytes()), opd=bappeda.pk)
    assert response.status_code == 400
    expected = in_indonesian(
        "This file is already in the evidence bank under another OPD; "
        "ask the Koordinator to cite it."
    )
    assert expected in response.text
    assert "SOP Pusat Data Diskominfo" not in response.text
    assert Document.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def revise(client, document, file):
    return client.post(reverse("evidence:revision_create", args=[document.pk]), {"file": file})


@pytest.fixture
def review_report(koordinator, kota, kominfo):
    return actions.add_document(
        kota,
        user=koordinator,
        title="Laporan Reviu SPBE",
        category="reviu",
        opd=kominfo,
        upload=upload("reviu-v1.pdf", pdf_bytes("versi 1")),
    )


def test_new_revision_is_added_and_the_old_one_is_kept(
    client, opd_member, review_report, media_root
):
    old = review_report.revisions.get()
    client.force_login(opd_member)
    response = revise(client, review_report, upload("reviu-v2.pdf", pdf_bytes("versi 2")))
    assert response.status_code == 302
    new = review_report.revisions.exclude(pk=old.pk).get()
    assert new.sha256 == hashlib.sha256(pdf_bytes("versi 2")).hexdigest()
    assert new.uploaded_by == opd_member
    old.refresh_from_db()
    assert old.sha256 == hashlib.sha256(pdf_bytes("versi 1")).hexdigest()
    assert (media_root / old.file.name).read_bytes() == pdf_bytes("versi 1")
    assert (media_root / new.file.name).read_bytes() == pdf_bytes("versi 2")


def test_revision_with_unchanged_bytes_is_refused_as_a_duplicate(
    client, koordinator, review_report, media_root
):
    client.force_login(koordinator)
    response = revise(client, review_report, upload("reviu-v1-lagi.pdf", pdf_bytes("versi 1")))
    page = client.get(response.url)
    expected = in_indonesian(
        "This file is already in the evidence bank as “%(title)s”.", title="Laporan Reviu SPBE"
    )
    assert expected in page.text
    assert review_report.revisions.count() == 1
    assert len(stored_files(media_root)) == 1


def test_disguised_revision_is_refused_and_the_document_keeps_one_version(
    client, koordinator, review_report, media_root
):
    client.force_login(koordinator)
    response = revise(client, review_report, upload("reviu-v2.pdf", b"<html>bukan pdf</html>"))
    page = client.get(response.url)
    expected = in_indonesian(
        "This kind of file is not accepted. Upload PDF, Office, image or archive files."
    )
    assert expected in page.text
    assert review_report.revisions.count() == 1
    assert len(stored_files(media_root)) == 1


def test_oversized_revision_is_refused_and_the_document_keeps_one_version(
    client, koordinator, review_report, settings, media_root
):
    settings.TERA_UPLOAD_MAX_BYTES = ONE_MEGABYTE
    client.force_login(koordinator)
    content = pdf_bytes("versi 2").ljust(ONE_MEGABYTE + 1, b" ")
    response = revise(client, review_report, upload("reviu-v2.pdf", content))
    page = client.get(response.url)
    expected = in_indonesian(
        "“%(name)s” is larger than the limit of %(limit)s MB.", name="reviu-v2.pdf", limit=1
    )
    assert expected in page.text
    assert review_report.revisions.count() == 1
    assert len(stored_files(media_root)) == 1


def test_opd_member_cannot_revise_another_opds_document_they_can_read(
    client, koordinator, other_opd_member, period, review_report, media_root
):
    answer = Answer.objects.get(period=period, indicator=1)
    actions.link_document(answer, review_report, user=koordinator)
    client.force_login(other_opd_member)
    assert client.get(reverse("evidence:document", args=[review_report.pk])).status_code == 200
    response = revise(client, review_report, upload("reviu-v2.pdf", pdf_bytes("versi 2")))
    assert response.status_code == 403
    assert review_report.revisions.count() == 1
    assert len(stored_files(media_root)) == 1


def upload_on_indicator(client, period, number, file, **fields):
    data = {"upload-title": "Laporan Reviu", "upload-category": "reviu", "upload-file": file}
    url = reverse("evidence:upload_for_answer", args=[period.pk, number])
    return client.post(url, {**data, **fields})


def test_upload_on_the_indicator_page_stores_and_cites_the_document(
    client, opd_member, period, kominfo
):
    contribution = Contribution.objects.get(period=period, indicator=1, opd=kominfo)
    client.force_login(opd_member)
    response = upload_on_indicator(
        client, period, 1, upload("reviu.pdf", pdf_bytes()), contribution=contribution.pk
    )
    assert response.status_code == 302
    link = EvidenceLink.objects.get()
    assert link.answer.indicator == 1
    assert link.contribution == contribution
    assert link.document.opd == kominfo


def test_known_file_uploaded_on_the_indicator_page_is_cited_instead_of_copied(
    client, koordinator, period, review_report, media_root
):
    client.force_login(koordinator)
    response = upload_on_indicator(client, period, 2, upload("salinan.pdf", pdf_bytes("versi 1")))
    assert response.status_code == 302
    assert EvidenceLink.objects.get().document == review_report
    assert Document.objects.count() == 1
    assert len(stored_files(media_root)) == 1


def test_disguised_file_on_the_indicator_page_is_refused_and_nothing_is_stored(
    client, koordinator, period, media_root
):
    client.force_login(koordinator)
    response = upload_on_indicator(client, period, 1, upload("reviu.pdf", b"MZ\x90\x00" * 50))
    assert response.status_code == 400
    expected = in_indonesian(
        "This kind of file is not accepted. Upload PDF, Office, image or archive files."
    )
    assert expected in response.text
    assert EvidenceLink.objects.count() == 0
    assert_nothing_stored(media_root)


def test_upload_for_an_answer_that_cannot_take_evidence_stores_nothing(
    client, koordinator, period, media_root
):
    Answer.objects.filter(period=period, indicator=1).update(status=Answer.Status.SUBMITTED)
    client.force_login(koordinator)
    response = upload_on_indicator(client, period, 1, upload("reviu.pdf", pdf_bytes()))
    assert response.status_code == 400
    assert EvidenceLink.objects.count() == 0
    assert_nothing_stored(media_root)


def test_opd_member_upload_on_the_indicator_page_without_their_contribution_stores_nothing(
    client, opd_member, period, kominfo, media_root
):
    client.force_login(opd_member)
    response = upload_on_indicator(
        client, period, 1, upload("reviu.pdf", pdf_bytes()), **{"upload-opd": kominfo.pk}
    )
    assert response.status_code == 403
    assert_nothing_stored(media_root)
