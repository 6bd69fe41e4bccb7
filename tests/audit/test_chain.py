"""The hash-chained audit log: what actions write, that entries never change, and that
verify() finds every kind of tampering."""

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from tera.assessments.actions import save_answer
from tera.assessments.models import Answer
from tera.audit.log import GENESIS, Problem, chain_key, entry_hash, verify
from tera.audit.models import AppendOnly, AuditChain, AuditEntry
from tera.evidence.actions import add_document, link_document, unlink_document
from tera.organizations.actions import add_opd
from tests.audit.conftest import OPD_NAMES

pytestmark = pytest.mark.django_db

CHANGED = "isi entri diubah setelah dicatat"
UNLINKED = "tidak bersambung dengan entri sebelumnya"
MISSING = "entri hilang atau urutan diubah"
HEAD = "entri terakhir hilang atau kepala rantai diubah"


def entry_at(chain, position):
    return AuditEntry.objects.get(chain=chain, position=position)


def test_action_records_who_when_what_and_the_state_after(kota, koordinator):
    started = timezone.now()
    opd = add_opd(kota, name="Dinas Kesehatan", short_name="Dinkes", user=koordinator)
    entry = AuditEntry.objects.get()
    assert (entry.actor_id, entry.actor_name) == (koordinator.pk, "koordinator")
    assert started <= entry.at <= timezone.now()
    assert entry.action == "opd.add"
    assert (entry.object_type, entry.object_id) == ("organizations.opd", str(opd.pk))
    assert entry.instansi_id == kota.pk
    assert entry.before is None
    assert entry.after == {"name": "Dinas Kesehatan", "short_name": "Dinkes"}


def test_change_records_the_state_before_and_after(koordinator, period):
    answer = Answer.objects.get(period=period, indicator=2)
    save_answer(
        answer,
        version=answer.version,
        level=3,
        fakta="Peta rencana SPBE ditetapkan dengan Perwal 12/2024.",
        analisis="Memenuhi kriteria tingkat 3.",
        level_source=None,
        user=koordinator,
    )
    entry = AuditEntry.objects.get(action="answer.save")
    assert (entry.period_id, entry.indicator) == (period.pk, 2)
    assert entry.before["level"] is None and entry.after["level"] == 3
    assert entry.after["fakta"] == "Peta rencana SPBE ditetapkan dengan Perwal 12/2024."
    assert entry.changes() == [
        ("analisis", "", "Memenuhi kriteria tingkat 3."),
        ("fakta", "", "Peta rencana SPBE ditetapkan dengan Perwal 12/2024."),
        ("level", None, 3),
    ]


def test_removal_records_the_state_before_and_nothing_after(koordinator, kota, period):
    document = add_document(
        kota, user=koordinator, title="Perwal SPBE", category="kebijakan", url="https://jdih.id/1"
    )
    answer = Answer.objects.get(period=period, indicator=1)
    link = link_document(answer, document, user=koordinator, note="Pasal 4")
    unlink_document(link, user=koordinator)
    entry = AuditEntry.objects.get(action="evidence.unlink")
    assert entry.before == {
        "answer": answer.pk,
        "contribution": None,
        "document": document.pk,
        "items": [],
        "note": "Pasal 4",
    }
    assert entry.after is None
    assert entry.object_id == str(link.pk)


def test_entries_of_one_instansi_form_one_numbered_chain(opd_log, kota):
    entries = AuditEntry.objects.filter(chain=opd_log)
    assert opd_log == chain_key(kota.pk)
    assert [entry.position for entry in entries] == [1, 2, 3, 4]
    assert [entry.after["name"] for entry in entries] == list(OPD_NAMES)
    assert entries[0].previous_hash == GENESIS
    assert [entry.previous_hash for entry in entries[1:]] == [entry.hash for entry in entries[:3]]
    assert AuditChain.objects.get(key=opd_log).length == 4


def test_each_instansi_has_its_own_chain(opd_log, other_kota, outsider):
    add_opd(other_kota, name="Dinas Kesehatan", user=outsider)
    other = AuditEntry.objects.get(chain=chain_key(other_kota.pk))
    assert other.position == 1
    assert other.previous_hash == GENESIS


def test_entry_cannot_be_saved_again(opd_log):
    entry = entry_at(opd_log, 2)
    entry.after = {"name": "Dinas Rahasia"}
    with pytest.raises(AppendOnly):
        entry.save()
    assert entry_at(opd_log, 2).after == {"name": "Dinas Pendidikan", "short_name": ""}


def test_entries_cannot_be_updated_through_a_queryset(opd_log):
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(chain=opd_log).update(actor_name="orang lain")
    assert set(AuditEntry.objects.values_list("actor_name", flat=True)) == {"koordinator"}


def test_entries_cannot_be_bulk_updated(opd_log):
    entry = entry_at(opd_log, 2)
    entry.action = "opd.remove"
    with pytest.raises(AppendOnly), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert entry_at(opd_log, 2).action == "opd.add"


def test_entry_cannot_be_changed_with_update_or_create(opd_log):
    entry = entry_at(opd_log, 2)
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update_or_create(pk=entry.pk, defaults={"action": "opd.remove"})
    assert entry_at(opd_log, 2).action == "opd.add"


def test_entry_cannot_be_deleted(opd_log):
    with pytest.raises(AppendOnly):
        entry_at(opd_log, 2).delete()
    assert AuditEntry.objects.count() == 4


def test_entries_cannot_be_deleted_through_a_queryset(opd_log):
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(chain=opd_log).delete()
    assert AuditEntry.objects.count() == 4


def test_deleting_the_actor_keeps_their_entries_and_name(opd_log, koordinator):
    get_user_model().objects.filter(pk=koordinator.pk).delete()
    assert set(AuditEntry.objects.values_list("actor_name", flat=True)) == {"koordinator"}
    assert verify() == []


def test_raw_update_never_passes_unnoticed(opd_log):
    """PostgreSQL refuses it with a trigger; on SQLite the ORM guard is all, so verify() sees it."""
    update = 'UPDATE audit_auditentry SET "after" = %s WHERE chain = %s AND position = 2'
    params = ('{"name": "Dinas Rahasia"}', opd_log)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(update, params)
        assert verify() == []
    else:
        with connection.cursor() as cursor:
            cursor.execute(update, params)
        assert verify() == [Problem(opd_log, 2, CHANGED)]


def test_raw_delete_never_passes_unnoticed(opd_log):
    delete = "DELETE FROM audit_auditentry WHERE chain = %s AND position = 4"
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(delete, [opd_log])
        assert AuditEntry.objects.count() == 4
    else:
        with connection.cursor() as cursor:
            cursor.execute(delete, [opd_log])
        assert verify() == [Problem(opd_log, 4, HEAD)]


def test_untouched_log_verifies_clean(opd_log, period):
    assert AuditEntry.objects.count() > 4
    assert verify() == []


def test_entries_with_dates_and_non_ascii_text_verify_clean(koordinator, kota, kominfo):
    add_document(
        kota,
        user=koordinator,
        title="Keputusan Wali Kota “Tim Koordinasi SPBE” — perubahan ke-2",
        category="kebijakan",
        issued_on=date(2024, 2, 29),
        valid_until=date(2029, 2, 28),
        opd=kominfo,
        url="https://jdih.kotasatu.go.id/sk/2024/29",
    )
    entry = AuditEntry.objects.get()
    assert entry.after["issued_on"] == "2024-02-29"
    assert verify() == []


def test_empty_log_verifies_clean(db):
    assert verify() == []


def test_altered_after_json_is_found_at_its_position(opd_log, raw_sql):
    raw_sql(
        'UPDATE audit_auditentry SET "after" = %s WHERE chain = %s AND position = 2',
        ('{"name": "Dinas Rahasia", "short_name": ""}', opd_log),
    )
    assert verify() == [Problem(opd_log, 2, CHANGED)]


def test_altered_actor_is_found_at_its_position(opd_log, raw_sql):
    raw_sql(
        "UPDATE audit_auditentry SET actor_name = %s WHERE chain = %s AND position = 3",
        ("admin", opd_log),
    )
    assert verify() == [Problem(opd_log, 3, CHANGED)]


def test_rewritten_entry_with_a_fresh_hash_breaks_the_link_to_the_next(opd_log, raw_sql):
    forged = entry_at(opd_log, 2)
    forged.after = {"name": "Dinas Rahasia", "short_name": ""}
    raw_sql(
        'UPDATE audit_auditentry SET "after" = %s, hash = %s WHERE id = %s',
        (json.dumps(forged.after), entry_hash(forged), forged.pk),
    )
    assert verify() == [Problem(opd_log, 3, UNLINKED)]


def test_rewritten_last_entry_with_a_fresh_hash_no_longer_matches_the_head(opd_log, raw_sql):
    forged = entry_at(opd_log, 4)
    forged.after = {"name": "Inspektorat Palsu", "short_name": ""}
    raw_sql(
        'UPDATE audit_auditentry SET "after" = %s, hash = %s WHERE id = %s',
        (json.dumps(forged.after), entry_hash(forged), forged.pk),
    )
    assert verify() == [Problem(opd_log, 4, HEAD)]


def test_deleted_middle_entry_is_found(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s AND position = 2", [opd_log])
    assert verify() == [Problem(opd_log, 2, MISSING), Problem(opd_log, 3, UNLINKED)]


def test_deleted_first_entry_is_found(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s AND position = 1", [opd_log])
    assert verify() == [Problem(opd_log, 1, MISSING), Problem(opd_log, 2, UNLINKED)]


def test_deleted_last_entry_is_found(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s AND position = 4", [opd_log])
    assert verify() == [Problem(opd_log, 4, HEAD)]


def test_deleting_every_entry_of_a_chain_is_found(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s", [opd_log])
    assert verify() == [Problem(opd_log, 4, HEAD)]


def test_swapped_entries_are_found_at_both_positions(opd_log, raw_sql):
    swap = "UPDATE audit_auditentry SET position = %s WHERE chain = %s AND position = %s"
    raw_sql(swap, (1000, opd_log, 2))
    raw_sql(swap, (2, opd_log, 3))
    raw_sql(swap, (3, opd_log, 1000))
    assert verify() == [
        Problem(opd_log, 2, UNLINKED),
        Problem(opd_log, 2, CHANGED),
        Problem(opd_log, 3, UNLINKED),
        Problem(opd_log, 3, CHANGED),
        Problem(opd_log, 4, UNLINKED),
    ]


def test_altered_chain_head_hash_is_found(opd_log, raw_sql):
    raw_sql("UPDATE audit_auditchain SET head_hash = %s WHERE key = %s", ("f" * 64, opd_log))
    assert verify() == [Problem(opd_log, 4, HEAD)]


def test_shortened_chain_head_is_found(opd_log, raw_sql):
    raw_sql("UPDATE audit_auditchain SET length = 3 WHERE key = %s", [opd_log])
    assert verify() == [Problem(opd_log, 3, HEAD)]


def test_removed_chain_head_is_found(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditchain WHERE key = %s", [opd_log])
    assert verify() == [Problem(opd_log, 4, "kepala rantai hilang")]


def test_entry_appended_behind_the_heads_back_is_found(opd_log, kota, raw_sql):
    last = entry_at(opd_log, 4)
    extra = AuditEntry(
        chain=opd_log,
        position=5,
        at=timezone.now(),
        actor_name="penyusup",
        action="opd.add",
        object_type="organizations.opd",
        object_id="999",
        instansi_id=kota.pk,
        after={"name": "OPD Siluman"},
        previous_hash=last.hash,
    )
    extra.hash = entry_hash(extra)
    extra.save()
    assert verify() == [Problem(opd_log, 4, HEAD)]


def test_tampering_in_one_chain_leaves_the_other_chains_clean(
    opd_log, other_kota, outsider, raw_sql
):
    add_opd(other_kota, name="Dinas Kesehatan", user=outsider)
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s AND position = 4", [opd_log])
    assert [problem.chain for problem in verify()] == [opd_log]
