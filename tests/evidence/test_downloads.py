"""Downloading evidence and listing the evidence bank: who gets what."""

import pytest
from django.urls import reverse

from tera.assessments.models import Answer
from tera.evidence import actions
from tests.evidence.samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def add_pdf(user, instansi, title, opd=None, text=None):
    return actions.add_document(
        instansi,
        user=user,
        title=title,
        category="kebijakan",
        opd=opd,
        upload=upload(f"{title.lower().replace(' ', '-')}.pdf", pdf_bytes(text or title)),
    )


def download_url(document):
    return reverse("evidence:download", args=[document.revisions.get().pk])


def cite(document, period, number, user):
    answer = Answer.objects.get(period=period, indicator=number)
    return actions.link_document(answer, document, user=user)


@pytest.fixture
def kominfo_policy(koordinator, kota, kominfo):
    return add_pdf(koordinator, kota, "Perwal Pusat Data", opd=kominfo)


def test_download_is_an_attachment_with_the_stored_name(client, koordinator, kominfo_policy):
    client.force_login(koordinator)
    response = client.get(download_url(kominfo_policy))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="perwal-pusat-data.pdf"'


def test_download_is_served_as_octet_stream_whatever_the_file_is(
    client, koordinator, kominfo_policy
):
    client.force_login(koordinator)
    response = client.get(download_url(kominfo_policy))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_is_never_cached(client, koordinator, kominfo_policy):
    client.force_login(koordinator)
    response = client.get(download_url(kominfo_policy))
    assert response["Cache-Control"] == "private, no-store"


def test_download_returns_the_uploaded_bytes(client, koordinator, kominfo_policy):
    client.force_login(koordinator)
    response = client.get(download_url(kominfo_policy))
    assert b"".join(response.streaming_content) == pdf_bytes("Perwal Pusat Data")


@pytest.mark.parametrize(
    "reader", ["koordinator", "asesor", "pimpinan", "opd_member", "provincial", "admin_user"]
)
def test_readers_of_the_document_may_download_it(client, request, kominfo_policy, reader):
    client.force_login(request.getfixturevalue(reader))
    assert client.get(download_url(kominfo_policy)).status_code == 200


def test_outsider_gets_a_404(client, outsider, kominfo_policy):
    client.force_login(outsider)
    assert client.get(download_url(kominfo_policy)).status_code == 404


def test_opd_member_gets_a_404_for_another_opds_uncited_document(
    client, other_opd_member, kominfo_policy
):
    client.force_login(other_opd_member)
    assert client.get(download_url(kominfo_policy)).status_code == 404


def test_opd_member_gets_a_404_for_a_document_cited_only_for_another_opds_indicator(
    client, koordinator, opd_member, kota, period, bappeda
):
    bappeda_plan = add_pdf(koordinator, kota, "Renstra Bappeda", opd=bappeda)
    cite(bappeda_plan, period, 2, koordinator)
    client.force_login(opd_member)
    assert client.get(download_url(bappeda_plan)).status_code == 404


def test_opd_member_may_download_another_opds_document_cited_for_their_indicator(
    client, koordinator, other_opd_member, period, kominfo_policy
):
    cite(kominfo_policy, period, 1, koordinator)
    client.force_login(other_opd_member)
    assert client.get(download_url(kominfo_policy)).status_code == 200


def test_opd_member_gets_a_404_for_a_document_without_an_opd(client, koordinator, opd_member, kota):
    instansi_wide = add_pdf(koordinator, kota, "SK Tim Koordinasi SPBE")
    client.force_login(opd_member)
    assert client.get(download_url(instansi_wide)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, kominfo_policy):
    response = client.get(download_url(kominfo_policy))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unknown_revision_is_a_404(client, koordinator, kominfo_policy):
    client.force_login(koordinator)
    missing = kominfo_policy.revisions.get().pk + 1
    assert client.get(reverse("evidence:download", args=[missing])).status_code == 404


def test_earlier_revision_stays_downloadable(client, koordinator, kominfo_policy):
    first = kominfo_policy.revisions.get()
    actions.add_revision(
        kominfo_policy, upload("perwal-v2.pdf", pdf_bytes("versi 2")), user=koordinator
    )
    client.force_login(koordinator)
    response = client.get(reverse("evidence:download", args=[first.pk]))
    assert b"".join(response.streaming_content) == pdf_bytes("Perwal Pusat Data")


def test_outsider_gets_a_404_for_the_document_page(client, outsider, kominfo_policy):
    client.force_login(outsider)
    assert client.get(reverse("evidence:document", args=[kominfo_policy.pk])).status_code == 404


def listed_titles(client, instansi):
    response = client.get(reverse("evidence:documents", args=[instansi.pk]))
    assert response.status_code == 200
    return sorted(document.title for document in response.context["documents"])


@pytest.fixture
def bank(koordinator, kota, period, kominfo, bappeda, kominfo_policy):
    """Kota Satu's bank: one document per OPD, one of each cited, one without an OPD."""
    cited_for_shared = add_pdf(koordinator, kota, "Renstra Bappeda", opd=bappeda)
    cite(cited_for_shared, period, 1, koordinator)
    cited_for_bappeda = add_pdf(koordinator, kota, "Peta Rencana Diskominfo", opd=kominfo)
    cite(cited_for_bappeda, period, 2, koordinator)
    add_pdf(koordinator, kota, "Notulen Bappeda", opd=bappeda)
    add_pdf(koordinator, kota, "SK Tim Koordinasi SPBE")


def test_opd_member_bank_lists_their_opds_documents_and_those_cited_for_their_indicators(
    client, opd_member, kota, bank
):
    client.force_login(opd_member)
    assert listed_titles(client, kota) == [
        "Perwal Pusat Data",
        "Peta Rencana Diskominfo",
        "Renstra Bappeda",
    ]


def test_other_opd_member_bank_leaves_out_the_uncited_documents_of_diskominfo(
    client, other_opd_member, kota, bank
):
    client.force_login(other_opd_member)
    assert listed_titles(client, kota) == [
        "Notulen Bappeda",
        "Peta Rencana Diskominfo",
        "Renstra Bappeda",
    ]


def test_koordinator_bank_lists_every_document_of_the_instansi(
    client, koordinator, outsider, kota, other_kota, bank
):
    add_pdf(outsider, other_kota, "Perwal Kota Dua")
    client.force_login(koordinator)
    assert listed_titles(client, kota) == [
        "Notulen Bappeda",
        "Perwal Pusat Data",
        "Peta Rencana Diskominfo",
        "Renstra Bappeda",
        "SK Tim Koordinasi SPBE",
    ]


def test_outsider_gets_a_404_for_the_bank(client, outsider, kota, bank):
    client.force_login(outsider)
    assert client.get(reverse("evidence:documents", args=[kota.pk])).status_code == 404


def test_bank_page_query_count_does_not_grow_with_documents(
    client, opd_member, kota, bank, django_assert_max_num_queries
):
    client.force_login(opd_member)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("evidence:documents", args=[kota.pk]))
    assert response.status_code == 200
