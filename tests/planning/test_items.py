"""Action items: who may move them, notes and evidence, and items from recommendations."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tera.audit.models import AuditEntry
from tera.errors import ActionRefused
from tera.evidence.actions import add_document
from tera.organizations.models import Opd
from tera.planning.actions import add_note, create_item, link_evidence, set_status
from tera.planning.models import ActionItem, ItemEvidence
from tests.planning.factories import make_item, set_levels

pytestmark = pytest.mark.django_db
Status = ActionItem.Status


@pytest.fixture
def kominfo_item(period, kominfo):
    return make_item(period, kominfo, indicator=1)


@pytest.fixture
def bappeda_item(period, bappeda):
    return make_item(period, bappeda, indicator=2)


def document_of(period, opd, koordinator, title="SOP Layanan"):
    return add_document(
        period.instansi,
        user=koordinator,
        title=title,
        category="kebijakan",
        opd=opd,
        url=f"https://{opd.pk}.example.go.id/{title.replace(' ', '-')}",
    )


def test_an_opd_member_updates_the_status_of_their_opds_item(kominfo_item, opd_member):
    set_status(kominfo_item, Status.IN_PROGRESS, user=opd_member)
    assert ActionItem.objects.get(pk=kominfo_item.pk).status == Status.IN_PROGRESS


def test_an_opd_member_cannot_update_another_opds_item(bappeda_item, opd_member):
    with pytest.raises(PermissionDenied):
        set_status(bappeda_item, Status.DONE, user=opd_member)
    assert ActionItem.objects.get(pk=bappeda_item.pk).status == Status.PLANNED


def test_another_opds_item_is_not_found_for_an_opd_member(client, bappeda_item, opd_member):
    client.force_login(opd_member)
    url = reverse("planning:item_status", args=[bappeda_item.pk])
    assert client.post(url, {"status": Status.DONE}).status_code == 404


def test_an_item_without_owner_is_the_koordinators_alone(period, opd_member):
    item = make_item(period, None, indicator=3)
    with pytest.raises(PermissionDenied):
        set_status(item, Status.DONE, user=opd_member)


def test_an_opd_member_cannot_drop_an_item(kominfo_item, opd_member):
    with pytest.raises(ActionRefused):
        set_status(kominfo_item, Status.DROPPED, user=opd_member)


def test_the_koordinator_drops_an_item(kominfo_item, koordinator):
    set_status(kominfo_item, Status.DROPPED, user=koordinator)
    assert ActionItem.objects.get(pk=kominfo_item.pk).status == Status.DROPPED


def test_marking_an_item_done_records_when(kominfo_item, opd_member):
    set_status(kominfo_item, Status.DONE, user=opd_member)
    assert ActionItem.objects.get(pk=kominfo_item.pk).done_at is not None


def test_reopening_a_done_item_clears_when_it_was_done(kominfo_item, opd_member):
    set_status(kominfo_item, Status.DONE, user=opd_member)
    set_status(kominfo_item, Status.IN_PROGRESS, user=opd_member)
    assert ActionItem.objects.get(pk=kominfo_item.pk).done_at is None


def test_a_status_change_is_written_to_the_audit_log(kominfo_item, opd_member):
    set_status(kominfo_item, Status.DONE, user=opd_member)
    entry = AuditEntry.objects.get(action="action_item.status")
    assert (entry.before["status"], entry.after["status"]) == (Status.PLANNED, Status.DONE)


def test_an_opd_member_adds_a_progress_note_to_their_item(kominfo_item, opd_member):
    add_note(kominfo_item, "  Rancangan Perwali dibahas.  ", user=opd_member)
    assert [note.text for note in kominfo_item.notes.all()] == ["Rancangan Perwali dibahas."]


def test_an_empty_note_is_refused(kominfo_item, opd_member):
    with pytest.raises(ActionRefused):
        add_note(kominfo_item, "   ", user=opd_member)


def test_an_opd_member_cannot_note_on_another_opds_item(bappeda_item, opd_member):
    with pytest.raises(PermissionDenied):
        add_note(bappeda_item, "Sudah", user=opd_member)


def test_an_opd_member_links_a_document_of_their_opd(
    period, kominfo, kominfo_item, opd_member, koordinator
):
    document = document_of(period, kominfo, koordinator)
    link_evidence(kominfo_item, document, user=opd_member)
    assert list(ItemEvidence.objects.values_list("item", "document")) == [
        (kominfo_item.pk, document.pk)
    ]


def test_a_document_out_of_the_opds_reach_cannot_be_linked(
    period, bappeda, kominfo_item, opd_member, koordinator
):
    document = document_of(period, bappeda, koordinator)
    with pytest.raises(ActionRefused):
        link_evidence(kominfo_item, document, user=opd_member)
    assert not ItemEvidence.objects.exists()


def test_a_document_is_linked_to_an_item_once(period, kominfo, kominfo_item, koordinator):
    document = document_of(period, kominfo, koordinator)
    link_evidence(kominfo_item, document, user=koordinator)
    with pytest.raises(ActionRefused):
        link_evidence(kominfo_item, document, user=koordinator)


def test_an_item_from_a_recommendation_starts_from_the_basis_level(period, koordinator, kominfo):
    set_levels(period, {5: 2})
    item = create_item(
        period,
        indicator=5,
        target_level=4,
        due_on=date(2026, 6, 30),
        owner=kominfo,
        recommendation="Lakukan reviu kebijakan   layanan publik\nsetiap tahun.",
        user=koordinator,
    )
    assert (item.source, item.from_level, item.target_level) == (
        ActionItem.Source.RECOMMENDATION,
        2,
        4,
    )
    assert item.title == "Lakukan reviu kebijakan layanan publik setiap tahun."
    assert item.recommendation.endswith("\nsetiap tahun.")


def test_an_item_without_recommendation_is_added_by_hand_with_its_title(period, koordinator):
    item = create_item(
        period,
        indicator=5,
        target_level=3,
        due_on=date(2026, 6, 30),
        title="Bimtek",
        user=koordinator,
    )
    assert (item.source, item.title, item.owner) == (ActionItem.Source.MANUAL, "Bimtek", None)


def test_an_item_needs_a_recommendation_or_a_title(period, koordinator):
    with pytest.raises(ActionRefused):
        create_item(period, indicator=5, target_level=3, due_on=date(2026, 6, 30), user=koordinator)


def test_a_target_level_below_the_current_level_is_refused(period, koordinator):
    set_levels(period, {5: 4})
    with pytest.raises(ActionRefused):
        create_item(
            period,
            indicator=5,
            target_level=3,
            due_on=date(2026, 6, 30),
            title="x",
            user=koordinator,
        )


def test_an_owner_from_another_instansi_is_refused(period, koordinator, other_kota):
    stranger = Opd.objects.create(instansi=other_kota, name="Diskominfo Kota Dua")
    with pytest.raises(ActionRefused):
        create_item(
            period,
            indicator=5,
            target_level=3,
            due_on=date(2026, 6, 30),
            owner=stranger,
            title="x",
            user=koordinator,
        )


def test_only_the_koordinator_creates_items(period, asesor):
    with pytest.raises(PermissionDenied):
        create_item(
            period, indicator=5, target_level=3, due_on=date(2026, 6, 30), title="x", user=asesor
        )


def test_the_recommendation_form_adds_the_item_and_opens_it(client, period, koordinator, kominfo):
    client.force_login(koordinator)
    data = {
        "indicator": 7,
        "recommendation": "Tetapkan SOP pengelolaan data.",
        "target_level": 3,
        "owner": kominfo.pk,
        "due_on": "2026-06-30",
    }
    response = client.post(reverse("planning:item_create", args=[period.pk]), data)
    item = ActionItem.objects.get()
    assert response["Location"] == reverse("planning:item", args=[item.pk])
    assert (item.indicator, item.owner, item.source) == (
        7,
        kominfo,
        ActionItem.Source.RECOMMENDATION,
    )


def test_an_opd_member_lists_only_their_opds_items(
    client, period, opd_member, kominfo_item, bappeda_item
):
    client.force_login(opd_member)
    rows = client.get(reverse("planning:items", args=[period.pk])).context["rows"]
    assert [row.item for row in rows] == [kominfo_item]


def test_the_list_filters_by_opd_and_status(
    client, period, pimpinan, bappeda, kominfo_item, bappeda_item
):
    ActionItem.objects.filter(pk=bappeda_item.pk).update(status=Status.DONE)
    client.force_login(pimpinan)
    url = reverse("planning:items", args=[period.pk])
    by_opd = client.get(url, {"opd": bappeda.pk}).context["rows"]
    by_status = client.get(url, {"status": Status.PLANNED}).context["rows"]
    assert [row.item.pk for row in by_opd] == [bappeda_item.pk]
    assert [row.item.pk for row in by_status] == [kominfo_item.pk]


def test_the_item_page_offers_no_drop_to_an_opd_member(client, kominfo_item, opd_member):
    client.force_login(opd_member)
    form = client.get(reverse("planning:item", args=[kominfo_item.pk])).context["status_form"]
    assert Status.DROPPED not in dict(form.fields["status"].choices)
