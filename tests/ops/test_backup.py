"""`tera backup` and `tera restore`: a restored Tera has the same answers, the same scores,
byte-identical evidence and an audit log that verifies; a damaged archive, an archive of other
migrations or a database that holds data is refused, and a refused restore changes nothing.

The database is emptied with `flush` and restored in place, so the tests run alike on SQLite
and on PostgreSQL.
"""

import hashlib
import io
import json
import re
import shutil
import tarfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution, Period, StageScore
from tera.assessments.periods import start_period
from tera.assessments.stages import Entry, record_stage_scores
from tera.audit.log import record
from tera.audit.models import AuditChain, AuditEntry
from tera.core.scoring import score
from tera.evidence.actions import add_document, link_document
from tera.evidence.models import DocumentRevision
from tera.jobs.models import Job
from tera.jobs.runner import enqueue
from tera.ops.backup import archive as archive_module
from tera.ops.backup.archive import DATABASE, MANIFEST
from tera.planning.actions import create_item, set_target
from tera.planning.models import ActionItem
from tests.assessments.submission import lock_with_levels
from tests.evidence.samples import docx_bytes, pdf_bytes, png_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def propose(contribution, user, level, fakta):
    contribution = actions.save_contribution(
        contribution, version=contribution.version, level=level, fakta=fakta, analisis="", user=user
    )
    return actions.submit_contribution(contribution, version=contribution.version, user=user)


def settle(answer, reviewer, level, reviewer_level, source=None):
    """The Koordinator sets the answer, submits it and accepts it with the reviewer's level."""
    answer = actions.save_answer(
        answer,
        version=answer.version,
        level=level,
        fakta=f"Perwali 12/2024 pasal {answer.indicator}",
        analisis="Memenuhi kriteria tingkat yang dipilih.",
        level_source=source,
        user=reviewer,
    )
    answer = actions.submit_answer(answer, version=answer.version, user=reviewer)
    return actions.accept_answer(
        answer, version=answer.version, reviewer_level=reviewer_level, comment="", user=reviewer
    )


def cite(period, number, user, name, content, contribution=None):
    document = add_document(
        period.instansi,
        user=user,
        title=f"Bukti {name}",
        category="kebijakan",
        opd=contribution.opd if contribution else None,
        upload=SimpleUploadedFile(name, content),
    )
    answer = period.answers.get(indicator=number)
    link_document(answer, document, contribution=contribution, user=user)


@pytest.fixture
def history(period, koordinator, opd_member, other_opd_member, media, spbe_2020_version):
    """Kota Satu after two years of Tera: last year's period locked with the assessors' stage
    scores, this year's with proposals, accepted answers, cited files of four kinds, a target,
    an action item and a finished report."""
    last_year = start_period(
        instansi=period.instansi, instrument=spbe_2020_version, year=2024, user=koordinator
    )
    last_year = lock_with_levels(last_year, koordinator, {1: 3, 2: 2, 3: 2, 4: 1})
    record_stage_scores(
        last_year, "dokumen", {1: Entry(2, "Bukti kurang"), 3: Entry(3)}, user=koordinator
    )
    lead, partner = period.contributions.filter(indicator=1).order_by("-is_lead")
    cite(period, 1, opd_member, "perwali.pdf", pdf_bytes("Perwali 12/2024"), lead)
    cite(period, 1, koordinator, "tangkapan.png", png_bytes())
    cite(period, 2, koordinator, "sk-tim.docx", docx_bytes())
    cite(period, 2, koordinator, "anggaran.xlsx", xlsx_bytes())
    lead = propose(lead, opd_member, 3, "Perwali 12/2024 tentang SPBE")
    propose(partner, other_opd_member, 2, "Renstra Bappeda memuat SPBE")
    settle(period.answers.get(indicator=1), koordinator, 3, 2, source=lead)
    settle(period.answers.get(indicator=2), koordinator, 4, 4)
    set_target(period, index=Decimal("3.00"), predikat="", user=koordinator)
    create_item(
        period,
        indicator=2,
        target_level=5,
        due_on=date(2026, 6, 30),
        title="Evaluasi arsitektur SPBE",
        user=koordinator,
    )
    enqueue("tests.jobs.handlers.count_words", title="Laporan", user=koordinator, text="a b c")
    return period


def answers_and_contributions():
    return (
        list(Answer.objects.order_by("pk").values()),
        list(Contribution.objects.order_by("pk").values()),
    )


def scores():
    result = {}
    for period in Period.objects.select_related("instrument").order_by("pk"):
        levels = dict(period.answers.exclude(level=None).values_list("indicator", "level"))
        result[period.pk] = score(period.definition, levels, period.year)
    return result


def stored_files(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def back_up(tmp_path):
    archive = tmp_path / "tera-cadangan.tar.gz"
    call_command("backup", str(archive))
    return archive


def wipe(media):
    """A fresh Tera: no rows at all (the tables stay migrated) and no stored file."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


def restore(archive, *options):
    call_command("restore", str(archive), *options)


def restore_refused(archive, *options):
    with pytest.raises(SystemExit) as exit_status:
        restore(archive, *options)
    assert exit_status.value.code == 2


def rewritten(archive, change):
    """A copy of the archive with change(name, content) -> content applied to each part."""
    parts = {}
    with tarfile.open(archive, "r:gz") as source:
        for member in source.getmembers():
            parts[member.name] = change(member.name, source.extractfile(member).read())
    copy = archive.with_name("diubah.tar.gz")
    with tarfile.open(copy, "w:gz") as target:
        for name, content in parts.items():
            member = tarfile.TarInfo(name)
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    return copy


def manifest_of(archive):
    with tarfile.open(archive, "r:gz") as source:
        return json.loads(source.extractfile(MANIFEST).read())


def test_a_restored_tera_has_the_same_answers_and_contributions_in_every_field(
    history, media, tmp_path
):
    before = answers_and_contributions()
    archive = back_up(tmp_path)
    wipe(media)
    restore(archive)
    assert answers_and_contributions() == before
    assert Answer.objects.filter(status=Answer.Status.ACCEPTED).count() == 2


def test_a_restored_tera_scores_every_period_the_same(history, media, tmp_path):
    before = scores()
    archive = back_up(tmp_path)
    wipe(media)
    restore(archive)
    assert scores() == before
    assert StageScore.objects.count() == 2 and ActionItem.objects.count() == 1


def test_the_period_page_shows_the_same_index_after_a_restore(client, history, media, tmp_path):
    def shown_index():
        client.force_login(get_user_model().objects.get(username="koordinator"))
        page = client.get(reverse("assessments:period", args=[history.pk])).text
        return re.search(r'data-testid="period-index">([^<]*)<', page).group(1)

    before = shown_index()
    archive = back_up(tmp_path)
    wipe(media)
    restore(archive)
    assert shown_index() == before != ""


def test_a_restored_tera_has_byte_identical_evidence_and_report_files(history, media, tmp_path):
    before = stored_files(media)
    archive = back_up(tmp_path)
    wipe(media)
    restore(archive)
    assert stored_files(media) == before
    kinds = {
        revision.original_name.rsplit(".", 1)[1] for revision in DocumentRevision.objects.all()
    }
    assert kinds == {"pdf", "png", "docx", "xlsx"}
    assert Job.objects.get().result.read() == b"3"


def test_the_audit_log_verifies_after_a_restore(history, media, tmp_path, capsys):
    entries = AuditEntry.objects.count()
    archive = back_up(tmp_path)
    wipe(media)
    restore(archive)
    call_command("audit", "verify")
    assert f"{entries} entri diperiksa" in capsys.readouterr().out
    assert entries > 20


def test_the_manifest_names_the_version_migrations_counts_and_every_file(history, tmp_path):
    manifest = manifest_of(back_up(tmp_path))
    assert manifest["tera_version"] and manifest["created_at"]
    assert "0001_initial" in manifest["migrations"]["assessments"]
    assert manifest["counts"]["assessments.answer"] == Answer.objects.count()
    assert "sessions.session" not in manifest["counts"]
    revision = DocumentRevision.objects.get(original_name="perwali.pdf")
    part = manifest["files"][revision.file.name]
    assert part["sha256"] == revision.sha256 and part["size"] == revision.size


def test_restore_refuses_a_database_that_already_holds_data(history, media, tmp_path, capsys):
    archive = back_up(tmp_path)
    Answer.objects.filter(indicator=2).update(fakta="Diubah setelah pencadangan")
    restore_refused(archive)
    assert "--force" in capsys.readouterr().err
    assert Answer.objects.get(period=history, indicator=2).fakta == "Diubah setelah pencadangan"


def test_restore_with_force_replaces_the_data_and_logs_everyone_out(
    client, history, koordinator, media, tmp_path
):
    before = answers_and_contributions()
    archive = back_up(tmp_path)
    Answer.objects.filter(indicator=2).update(fakta="Diubah setelah pencadangan")
    client.force_login(koordinator)
    restore(archive, "--force")
    assert answers_and_contributions() == before
    assert not Session.objects.exists()
    call_command("audit", "verify")


def test_an_archive_with_a_changed_file_is_refused_and_changes_nothing(
    history, media, tmp_path, capsys
):
    archive = back_up(tmp_path)
    wipe(media)
    tampered = rewritten(
        archive, lambda name, data: data.replace(b"Perwali 12/2024", b"Perwali 99/2024")
    )
    restore_refused(tampered)
    assert "SHA-256" in capsys.readouterr().err
    assert not Answer.objects.exists() and not media.exists()


def test_an_archive_with_a_changed_manifest_is_refused_and_changes_nothing(
    history, media, tmp_path, capsys
):
    archive = back_up(tmp_path)
    wipe(media)

    def change_a_hash(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["database"]["sha256"] = "0" * 64
        return json.dumps(manifest).encode()

    restore_refused(rewritten(archive, change_a_hash))
    assert DATABASE in capsys.readouterr().err
    assert not Answer.objects.exists() and not media.exists()


def test_an_archive_with_a_file_left_out_is_refused(history, media, tmp_path, capsys):
    archive = back_up(tmp_path)
    wipe(media)
    revision_name = manifest_of(archive)["files"].popitem()[0]
    with (
        tarfile.open(archive, "r:gz") as source,
        tarfile.open(tmp_path / "kurang.tar.gz", "w:gz") as target,
    ):
        for member in source.getmembers():
            if member.name != f"files/{revision_name}":
                target.addfile(member, source.extractfile(member))
    restore_refused(tmp_path / "kurang.tar.gz")
    assert "tidak ada di arsip" in capsys.readouterr().err
    assert not Answer.objects.exists()


def test_a_restore_that_fails_while_loading_leaves_no_rows_and_no_files(
    history, media, tmp_path, capsys
):
    """The rows are consistent with the manifest but cannot be loaded: an answer of a period
    that is not in the archive. The files already written are removed again."""
    archive = back_up(tmp_path)
    wipe(media)
    broken_rows = {}

    def break_a_row(name, data):
        if name == DATABASE:
            lines = data.decode().splitlines()
            number = next(i for i, line in enumerate(lines) if '"assessments.answer"' in line)
            row = json.loads(lines[number])
            row["fields"]["period"] = 999_999
            lines[number] = json.dumps(row)
            data = "\n".join(lines).encode()
            broken_rows.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        return data

    def match_the_manifest(name, data):
        if name != MANIFEST:
            return data
        return json.dumps({**json.loads(data), "database": broken_rows}).encode()

    broken = rewritten(rewritten(archive, break_a_row), match_the_manifest)
    restore_refused(broken)
    assert "tidak dapat dimuat" in capsys.readouterr().err
    assert not Answer.objects.exists() and not Period.objects.exists()
    assert stored_files(media) == {}


def test_an_archive_of_other_migrations_is_refused_before_anything_is_written(
    history, media, tmp_path, capsys
):
    archive = back_up(tmp_path)
    wipe(media)

    def add_a_migration(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["assessments"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    restore_refused(rewritten(archive, add_a_migration))
    assert "9999_from_the_future" in capsys.readouterr().err
    assert not Answer.objects.exists() and not media.exists()


def test_a_backup_warns_when_the_audit_log_was_already_broken(history, tmp_path, capsys):
    AuditChain.objects.update(head_hash="f" * 64)
    back_up(tmp_path)
    assert "log audit sudah tidak utuh" in capsys.readouterr().err


def test_a_failed_backup_leaves_no_archive(history, tmp_path, monkeypatch):
    def broken_storage(*args, **kwargs):
        raise OSError("disk tidak terbaca")

    monkeypatch.setattr("tera.ops.backup.storage.default_storage.open", broken_storage)
    with pytest.raises(OSError):
        back_up(tmp_path)
    assert list(tmp_path.glob("tera-cadangan*")) == []


def test_the_audit_chain_continues_after_a_restore(history, media, tmp_path):
    archive = back_up(tmp_path)
    wipe(media)
    restore(archive)
    record(actor=None, action="test.after_restore", obj=history, instansi_id=history.instansi_id)
    call_command("audit", "verify")


def test_an_archive_larger_than_the_free_space_is_refused_before_it_fills_the_disk(
    history, media, tmp_path, capsys, monkeypatch
):
    archive = back_up(tmp_path)
    wipe(media)
    monkeypatch.setattr(archive_module, "SPARE_BYTES", shutil.disk_usage(tmp_path).total)
    restore_refused(archive)
    assert "TMPDIR" in capsys.readouterr().err
    assert not Answer.objects.exists() and not media.exists()
