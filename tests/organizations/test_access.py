"""The access functions themselves: roles per persona, visible instansi, and 404 outside reach."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tera.assessments.access import (
    get_answer_for_user,
    get_contribution_for_user,
    get_period_for_user,
    visible_answers,
    visible_periods,
)
from tera.assessments.models import Contribution
from tera.evidence.access import get_document_for_user, get_link_for_user, visible_documents
from tera.evidence.models import Document, EvidenceLink
from tera.jobs.access import get_job_for_user, require_retry_right
from tera.jobs.models import Job
from tera.organizations.access import (
    access_for,
    get_instansi_for_user,
    get_opd_for_user,
    member_instansi,
    visible_instansi,
)
from tera.organizations.models import Membership
from tera.registry.models import Instansi
from tests.conftest import member

pytestmark = pytest.mark.django_db
Role = Membership.Role
Kind = Instansi.Kind

# persona: can_read, reads_everything, manages, reviews, contributes (in Kota Satu)
ABILITIES = {
    "koordinator": (True, True, True, True, True),
    "asesor": (True, True, False, True, True),
    "pimpinan": (True, True, False, False, False),
    "opd_member": (True, False, False, False, True),
    "other_opd_member": (True, False, False, False, True),
    "provincial": (True, True, False, False, False),
    "outsider": (False, False, False, False, False),
    "admin_user": (True, True, True, True, True),
    "anonymous": (False, False, False, False, False),
}
ROLES = {
    "koordinator": {Role.KOORDINATOR},
    "asesor": {Role.ASESOR},
    "pimpinan": {Role.PIMPINAN},
    "opd_member": {Role.OPD},
    "other_opd_member": {Role.OPD},
    "provincial": {Role.PROVINSI},
    "outsider": set(),
    "admin_user": set(),
    "anonymous": set(),
}


@pytest.fixture
def user_of(request):
    def user(persona):
        return AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)

    return user


@pytest.fixture
def gorontalo_kab(db):
    return Instansi.objects.create(
        name="Pemerintah Kabupaten Bone Bolango", slug="kab-bone-bolango", kind=Kind.KABUPATEN,
        province="Gorontalo",
    )  # fmt: skip


@pytest.fixture
def kementerian(db):
    """A ministry that happens to carry the province's name: no province coordinator reads it."""
    return Instansi.objects.create(
        name="Kementerian Contoh", slug="kementerian-contoh", kind=Kind.KEMENTERIAN,
        province="Gorontalo",
    )  # fmt: skip


@pytest.fixture
def far_kab(db):
    return Instansi.objects.create(
        name="Pemerintah Kabupaten Minahasa", slug="kab-minahasa", kind=Kind.KABUPATEN,
        province="Sulawesi Utara",
    )  # fmt: skip


def contribution(period, number, opd):
    return Contribution.objects.get(period=period, indicator=number, opd=opd)


def document(instansi, title, opd=None):
    return Document.objects.create(instansi=instansi, opd=opd, title=title)


def cite(period, number, document, contribution=None):
    answer = period.answers.get(indicator=number)
    return EvidenceLink.objects.create(answer=answer, document=document, contribution=contribution)


# access_for


@pytest.mark.parametrize("persona", ABILITIES)
def test_access_for_gives_each_persona_its_abilities_in_kota_satu(persona, user_of, kota):
    access = access_for(user_of(persona), kota)
    abilities = (
        access.can_read,
        access.reads_everything,
        access.manages,
        access.reviews,
        access.contributes,
    )
    assert abilities == ABILITIES[persona]


@pytest.mark.parametrize("persona", ROLES)
def test_access_for_names_each_personas_roles_in_kota_satu(persona, user_of, kota):
    assert access_for(user_of(persona), kota).roles == ROLES[persona]


def test_only_the_admin_is_marked_admin(admin_user, koordinator, kota):
    assert access_for(admin_user, kota).is_admin
    assert not access_for(koordinator, kota).is_admin


def test_an_opd_member_edits_only_their_own_opd(opd_member, kota, kominfo, bappeda):
    access = access_for(opd_member, kota)
    assert access.opd_ids == {kominfo.pk}
    assert access.may_edit_opd(kominfo.pk)
    assert not access.may_edit_opd(bappeda.pk)


def test_an_asesor_edits_no_opd_contribution(asesor, kota, kominfo):
    assert not access_for(asesor, kota).may_edit_opd(kominfo.pk)


def test_the_koordinator_and_the_admin_edit_every_opd(koordinator, admin_user, kota, bappeda):
    assert access_for(koordinator, kota).may_edit_opd(bappeda.pk)
    assert access_for(admin_user, kota).may_edit_opd(bappeda.pk)


def test_the_outsider_has_full_rights_only_in_their_own_instansi(outsider, kota, other_kota):
    assert access_for(outsider, other_kota).manages
    assert not access_for(outsider, kota).can_read


def test_a_member_of_two_opd_edits_both(kota, kominfo, bappeda):
    user = member("staf-ganda", kota, Role.OPD, kominfo)
    Membership.objects.create(user=user, instansi=kota, role=Role.OPD, opd=bappeda)
    assert access_for(user, kota).opd_ids == {kominfo.pk, bappeda.pk}


@pytest.mark.parametrize(
    ("persona", "for_answer", "for_kominfo", "for_bappeda"),
    [
        ("koordinator", True, True, True),
        ("asesor", True, False, False),
        ("pimpinan", False, False, False),
        ("opd_member", False, True, False),
        ("other_opd_member", False, False, True),
        ("provincial", False, False, False),
        ("admin_user", True, True, True),
    ],
)
def test_who_may_cite_evidence_for_the_answer_and_for_each_opd(
    persona, for_answer, for_kominfo, for_bappeda, user_of, kota, kominfo, bappeda
):
    access = access_for(user_of(persona), kota)
    assert access.may_cite_for(None) == for_answer
    assert access.may_cite_for(kominfo.pk) == for_kominfo
    assert access.may_cite_for(bappeda.pk) == for_bappeda


def test_require_raises_permission_denied_when_not_allowed(pimpinan, kota):
    access = access_for(pimpinan, kota)
    access.require(access.can_read)
    with pytest.raises(PermissionDenied):
        access.require(access.manages)


def test_the_provincial_coordinator_reads_kab_kota_of_the_province_only(
    provincial, kota, gorontalo_kab, kementerian, far_kab, other_kota
):
    assert access_for(provincial, kota).reads_everything
    assert access_for(provincial, gorontalo_kab).reads_everything
    assert not access_for(provincial, kementerian).can_read
    assert not access_for(provincial, far_kab).can_read
    assert not access_for(provincial, other_kota).can_read


def test_the_provincial_coordinator_reads_their_province_but_never_changes_it(provincial, province):
    access = access_for(provincial, province)
    assert access.reads_everything
    assert not (access.manages or access.reviews or access.contributes)


def test_a_provinsi_role_without_a_province_name_covers_nothing(kota):
    nowhere = Instansi.objects.create(name="Provinsi Tanpa Nama", slug="tanpa", kind=Kind.PROVINSI)
    Instansi.objects.create(name="Kota Tanpa Provinsi", slug="kota-tanpa", kind=Kind.KOTA)
    user = member("koordinator-tanpa", nowhere, Role.PROVINSI)
    assert not access_for(user, kota).can_read
    assert set(visible_instansi(user)) == {nowhere}


def test_a_membership_is_read_once_per_user_object(django_assert_num_queries, koordinator, kota):
    access_for(koordinator, kota)
    with django_assert_num_queries(0):
        access_for(koordinator, kota)


# visible_instansi, member_instansi, get_instansi_for_user, get_opd_for_user


def test_a_member_sees_only_their_own_instansi(koordinator, kota, other_kota, province):
    assert set(visible_instansi(koordinator)) == {kota}


def test_the_outsider_sees_only_kota_dua(outsider, kota, other_kota):
    assert set(visible_instansi(outsider)) == {other_kota}


def test_the_provincial_coordinator_sees_the_province_and_its_kab_kota(
    provincial, province, kota, gorontalo_kab, kementerian, far_kab, other_kota
):
    assert set(visible_instansi(provincial)) == {province, kota, gorontalo_kab}


def test_the_admin_sees_every_instansi(admin_user, province, kota, other_kota, kementerian):
    assert set(visible_instansi(admin_user)) == {province, kota, other_kota, kementerian}


def test_an_anonymous_user_sees_no_instansi(kota):
    assert not visible_instansi(AnonymousUser()).exists()


def test_member_instansi_leaves_out_what_a_province_only_reads(provincial, province, kota):
    assert set(member_instansi(provincial)) == {province}


def test_member_instansi_of_the_admin_is_every_instansi_with_members(
    admin_user, koordinator, outsider, kota, other_kota, kementerian
):
    assert set(member_instansi(admin_user)) == {kota, other_kota}


@pytest.mark.parametrize("persona", [p for p, abilities in ABILITIES.items() if abilities[0]])
def test_every_reader_gets_kota_satu(persona, user_of, kota):
    instansi, access = get_instansi_for_user(user_of(persona), kota.pk)
    assert instansi == kota
    assert access.instansi_id == kota.pk


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_those_outside_get_a_404_for_kota_satu(persona, user_of, kota):
    with pytest.raises(Http404):
        get_instansi_for_user(user_of(persona), kota.pk)


def test_a_missing_instansi_is_a_404_even_for_the_admin(admin_user):
    with pytest.raises(Http404):
        get_instansi_for_user(admin_user, 999_999)


def test_the_provincial_coordinator_gets_a_kab_of_the_province(provincial, gorontalo_kab):
    assert get_instansi_for_user(provincial, gorontalo_kab.pk)[0] == gorontalo_kab


@pytest.mark.parametrize("place", ["kementerian", "far_kab", "other_kota"])
def test_the_provincial_coordinator_gets_a_404_outside_kab_kota_of_the_province(
    place, request, provincial
):
    instansi = request.getfixturevalue(place)
    with pytest.raises(Http404):
        get_instansi_for_user(provincial, instansi.pk)


def test_an_opd_member_gets_only_their_own_opd(opd_member, kominfo, bappeda):
    assert get_opd_for_user(opd_member, kominfo.pk)[0] == kominfo
    with pytest.raises(Http404):
        get_opd_for_user(opd_member, bappeda.pk)


def test_readers_of_everything_get_every_opd(koordinator, pimpinan, provincial, bappeda):
    for user in (koordinator, pimpinan, provincial):
        assert get_opd_for_user(user, bappeda.pk)[0] == bappeda


def test_the_outsider_gets_a_404_for_an_opd_of_kota_satu(outsider, kominfo):
    with pytest.raises(Http404):
        get_opd_for_user(outsider, kominfo.pk)


# Periods, answers, contributions


def test_visible_periods_follow_visible_instansi(
    koordinator, provincial, outsider, period, other_period
):
    assert set(visible_periods(koordinator)) == {period}
    assert set(visible_periods(provincial)) == {period}
    assert set(visible_periods(outsider)) == {other_period}


@pytest.mark.parametrize("persona", [p for p, abilities in ABILITIES.items() if abilities[0]])
def test_every_reader_gets_the_period(persona, user_of, period):
    assert get_period_for_user(user_of(persona), period.pk)[0] == period


@pytest.mark.parametrize("persona", ["outsider", "anonymous", "koordinator"])
def test_a_period_of_another_instansi_is_a_404(persona, user_of, period, other_period):
    target = period if persona != "koordinator" else other_period
    with pytest.raises(Http404):
        get_period_for_user(user_of(persona), target.pk)


def test_the_provincial_coordinator_gets_a_404_for_a_period_in_another_province(
    provincial, other_period
):
    with pytest.raises(Http404):
        get_period_for_user(provincial, other_period.pk)


@pytest.mark.parametrize(
    ("persona", "indicators"),
    [("opd_member", {1}), ("other_opd_member", {1, 2})],
)
def test_an_opd_member_sees_the_answers_of_indicators_assigned_to_their_opd(
    persona, indicators, user_of, period
):
    access = access_for(user_of(persona), period.instansi)
    assert {a.indicator for a in visible_answers(period, access)} == indicators


@pytest.mark.parametrize(
    "persona", ["koordinator", "asesor", "pimpinan", "provincial", "admin_user"]
)
def test_readers_of_everything_see_every_answer(persona, user_of, period):
    access = access_for(user_of(persona), period.instansi)
    assert visible_answers(period, access).count() == len(period.definition.indicators)


def test_an_opd_member_stops_seeing_an_answer_once_unassigned(opd_member, period, kominfo):
    contribution(period, 1, kominfo).delete()
    access = access_for(opd_member, period.instansi)
    assert not visible_answers(period, access).exists()


def test_an_opd_member_gets_the_answer_of_an_assigned_indicator(opd_member, period):
    answer, access = get_answer_for_user(opd_member, period.pk, 1)
    assert (answer.period, answer.indicator) == (period, 1)
    assert not access.reads_everything


@pytest.mark.parametrize(
    ("persona", "number"), [("opd_member", 2), ("opd_member", 3), ("other_opd_member", 3)]
)
def test_an_opd_member_gets_a_404_for_an_answer_not_assigned_to_their_opd(
    persona, number, user_of, period
):
    with pytest.raises(Http404):
        get_answer_for_user(user_of(persona), period.pk, number)


def test_the_koordinator_gets_the_answer_of_an_unassigned_indicator(koordinator, period):
    assert get_answer_for_user(koordinator, period.pk, 3)[0].indicator == 3


def test_an_indicator_that_does_not_exist_is_a_404(koordinator, period):
    with pytest.raises(Http404):
        get_answer_for_user(koordinator, period.pk, 999)


@pytest.mark.parametrize("period_pk", [2**63, -(2**94)])
def test_a_period_id_beyond_the_database_integers_is_a_404(koordinator, period, period_pk):
    with pytest.raises(Http404):
        get_answer_for_user(koordinator, period_pk, 1)


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_those_outside_get_a_404_for_an_answer(persona, user_of, period):
    with pytest.raises(Http404):
        get_answer_for_user(user_of(persona), period.pk, 1)


def test_the_answer_carries_the_period_already_fetched(
    django_assert_num_queries, koordinator, period
):
    answer, _access = get_answer_for_user(koordinator, period.pk, 1)
    with django_assert_num_queries(0):
        assert answer.period.instansi.name == "Pemerintah Kota Satu"


def test_an_opd_member_gets_another_opds_contribution_on_a_shared_indicator(
    opd_member, period, bappeda
):
    shared = contribution(period, 1, bappeda)
    fetched, access = get_contribution_for_user(opd_member, shared.pk)
    assert fetched == shared
    assert not access.may_edit_opd(bappeda.pk)


def test_an_opd_member_gets_a_404_for_a_contribution_on_an_indicator_not_theirs(
    opd_member, period, bappeda
):
    with pytest.raises(Http404):
        get_contribution_for_user(opd_member, contribution(period, 2, bappeda).pk)


@pytest.mark.parametrize(
    "persona", ["koordinator", "asesor", "pimpinan", "provincial", "admin_user"]
)
def test_readers_of_everything_get_every_contribution(persona, user_of, period, bappeda):
    target = contribution(period, 2, bappeda)
    assert get_contribution_for_user(user_of(persona), target.pk)[0] == target


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_those_outside_get_a_404_for_a_contribution(persona, user_of, period, kominfo):
    with pytest.raises(Http404):
        get_contribution_for_user(user_of(persona), contribution(period, 1, kominfo).pk)


# Documents and evidence links


@pytest.fixture
def bank(period, kota, other_kota, kominfo, bappeda):
    """Kota Satu's evidence bank: what each OPD owns and where it is cited."""
    bank = {
        "kominfo_own": document(kota, "SOP Diskominfo", kominfo),
        "cited_on_1": document(kota, "Perwali SPBE"),
        "bappeda_on_2": document(kota, "Renstra Bappeda", bappeda),
        "bappeda_uncited": document(kota, "Draf Bappeda", bappeda),
        "nobody": document(kota, "Arsip lama"),
        "kota_dua": document(other_kota, "Dokumen Kota Dua"),
    }
    cite(period, 1, bank["cited_on_1"])
    cite(period, 2, bank["bappeda_on_2"], contribution(period, 2, bappeda))
    return bank


def titles(documents):
    return {document.title for document in documents}


def test_an_opd_member_sees_their_opds_documents_and_those_cited_for_their_indicators(
    opd_member, kota, bank
):
    access = access_for(opd_member, kota)
    assert titles(visible_documents(kota, access)) == {"SOP Diskominfo", "Perwali SPBE"}


def test_the_other_opd_member_sees_their_own_and_what_is_cited_on_shared_indicators(
    other_opd_member, kota, bank
):
    access = access_for(other_opd_member, kota)
    assert titles(visible_documents(kota, access)) == {
        "Perwali SPBE",
        "Renstra Bappeda",
        "Draf Bappeda",
    }


@pytest.mark.parametrize(
    "persona", ["koordinator", "asesor", "pimpinan", "provincial", "admin_user"]
)
def test_readers_of_everything_see_every_document_of_the_instansi(persona, user_of, kota, bank):
    access = access_for(user_of(persona), kota)
    assert titles(visible_documents(kota, access)) == {
        "SOP Diskominfo",
        "Perwali SPBE",
        "Renstra Bappeda",
        "Draf Bappeda",
        "Arsip lama",
    }


def test_the_outsider_sees_no_document_of_kota_satu(outsider, kota, bank):
    assert not visible_documents(kota, access_for(outsider, kota)).exists()


def test_a_document_cited_in_a_period_leaves_the_opd_once_unassigned(
    opd_member, kota, period, kominfo, bank
):
    contribution(period, 1, kominfo).delete()
    assert titles(visible_documents(kota, access_for(opd_member, kota))) == {"SOP Diskominfo"}


def test_an_opd_member_gets_a_document_cited_for_their_indicator(opd_member, bank):
    assert get_document_for_user(opd_member, bank["cited_on_1"].pk)[0] == bank["cited_on_1"]


@pytest.mark.parametrize("title", ["bappeda_on_2", "bappeda_uncited", "nobody", "kota_dua"])
def test_an_opd_member_gets_a_404_for_a_document_out_of_reach(title, opd_member, bank):
    with pytest.raises(Http404):
        get_document_for_user(opd_member, bank[title].pk)


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_those_outside_get_a_404_for_a_document(persona, user_of, bank):
    with pytest.raises(Http404):
        get_document_for_user(user_of(persona), bank["cited_on_1"].pk)


def test_the_provincial_coordinator_gets_a_404_for_a_document_of_another_province(provincial, bank):
    with pytest.raises(Http404):
        get_document_for_user(provincial, bank["kota_dua"].pk)


def test_an_opd_member_gets_a_link_on_their_indicator(opd_member, bank):
    link = bank["cited_on_1"].links.get()
    assert get_link_for_user(opd_member, link.pk)[0] == link


def test_an_opd_member_gets_a_404_for_a_link_on_an_indicator_not_theirs(opd_member, period, bank):
    """Their own document, cited where they cannot look: the citation stays out of reach."""
    link = cite(period, 2, bank["kominfo_own"])
    with pytest.raises(Http404):
        get_link_for_user(opd_member, link.pk)


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_those_outside_get_a_404_for_a_link(persona, user_of, bank):
    with pytest.raises(Http404):
        get_link_for_user(user_of(persona), bank["cited_on_1"].links.get().pk)


@pytest.mark.parametrize("persona", ["koordinator", "pimpinan", "provincial", "admin_user"])
def test_readers_of_everything_get_every_link(persona, user_of, bank):
    link = bank["bappeda_on_2"].links.get()
    assert get_link_for_user(user_of(persona), link.pk)[0] == link


# Background jobs


@pytest.fixture
def job(kota, koordinator):
    return Job.objects.create(
        kind="tests.none", title="Laporan", instansi=kota, requested_by=koordinator,
        status=Job.Status.FAILED,
    )  # fmt: skip


@pytest.mark.parametrize(
    "persona", ["koordinator", "asesor", "pimpinan", "provincial", "admin_user"]
)
def test_the_requester_and_readers_of_everything_follow_a_job(persona, user_of, job):
    assert get_job_for_user(user_of(persona), job.pk) == job


@pytest.mark.parametrize("persona", ["opd_member", "other_opd_member", "outsider", "anonymous"])
def test_others_get_a_404_for_a_job(persona, user_of, job):
    with pytest.raises(Http404):
        get_job_for_user(user_of(persona), job.pk)


def test_an_opd_member_follows_their_own_job(opd_member, kota):
    job = Job.objects.create(
        kind="tests.none", title="Ekspor", instansi=kota, requested_by=opd_member
    )
    assert get_job_for_user(opd_member, job.pk) == job


def test_a_job_of_no_instansi_is_followed_only_by_its_requester_and_the_admin(
    koordinator, pimpinan, admin_user
):
    job = Job.objects.create(kind="tests.none", title="Impor", requested_by=pimpinan)
    assert get_job_for_user(pimpinan, job.pk) == job
    assert get_job_for_user(admin_user, job.pk) == job
    with pytest.raises(Http404):
        get_job_for_user(koordinator, job.pk)


@pytest.mark.parametrize("persona", ["koordinator", "admin_user"])
def test_the_requester_and_a_manager_may_run_a_job_again(persona, user_of, job):
    require_retry_right(user_of(persona), job)


@pytest.mark.parametrize("persona", ["asesor", "pimpinan", "provincial"])
def test_readers_who_did_not_ask_may_not_run_a_job_again(persona, user_of, job):
    with pytest.raises(PermissionDenied):
        require_retry_right(user_of(persona), job)


def test_a_pimpinan_may_run_their_own_job_again(pimpinan, kota):
    job = Job.objects.create(
        kind="tests.none", title="Ekspor", instansi=kota, requested_by=pimpinan
    )
    require_retry_right(pimpinan, job)
