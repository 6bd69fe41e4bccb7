"""`manage.py audit verify`: a count when the log is whole, exit status 1 and the broken
chain and position when it is not."""

from io import StringIO

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from tera.audit.log import chain_key
from tera.organizations.actions import add_opd

pytestmark = pytest.mark.django_db


def verify_log():
    stdout, stderr = StringIO(), StringIO()
    call_command("audit", "verify", stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_intact_log_prints_how_many_entries_were_checked(opd_log):
    stdout, stderr = verify_log()
    assert stdout == "Log audit utuh: 4 entri diperiksa.\n"
    assert stderr == ""


def test_intact_log_counts_the_entries_of_every_chain(opd_log, other_kota, outsider):
    add_opd(other_kota, name="Dinas Kesehatan", user=outsider)
    stdout, _stderr = verify_log()
    assert stdout == "Log audit utuh: 5 entri diperiksa.\n"


def test_empty_log_is_intact(db):
    stdout, _stderr = verify_log()
    assert stdout == "Log audit utuh: 0 entri diperiksa.\n"


def test_tampered_log_raises_with_return_code_1(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s AND position = 4", [opd_log])
    with pytest.raises(CommandError) as error:
        verify_log()
    assert error.value.returncode == 1
    assert str(error.value) == "log audit tidak utuh: 1 masalah ditemukan"


def test_tampered_log_names_the_chain_and_the_position(opd_log, kota, raw_sql):
    raw_sql(
        'UPDATE audit_auditentry SET "after" = %s WHERE chain = %s AND position = 2',
        ('{"name": "Dinas Rahasia", "short_name": ""}', opd_log),
    )
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=StringIO(), stderr=stderr)
    assert stderr.getvalue() == f"RUSAK {chain_key(kota.pk)} #2: isi entri diubah setelah dicatat\n"


def test_every_problem_gets_its_own_line(opd_log, raw_sql):
    raw_sql("DELETE FROM audit_auditentry WHERE chain = %s AND position = 2", [opd_log])
    stderr = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("audit", "verify", stdout=StringIO(), stderr=stderr)
    assert stderr.getvalue().splitlines() == [
        f"RUSAK {opd_log} #2: entri hilang atau urutan diubah",
        f"RUSAK {opd_log} #3: tidak bersambung dengan entri sebelumnya",
    ]
    assert str(error.value) == "log audit tidak utuh: 2 masalah ditemukan"


def test_tampered_log_exits_with_status_1_from_the_command_line(opd_log, raw_sql, capsys):
    raw_sql("UPDATE audit_auditchain SET head_hash = %s WHERE key = %s", ("0" * 64, opd_log))
    command = load_command_class("tera.audit", "audit")
    with pytest.raises(SystemExit) as exited:
        command.run_from_argv(["manage.py", "audit", "verify"])
    assert exited.value.code == 1
    stderr = capsys.readouterr().err
    assert f"RUSAK {opd_log} #4: entri terakhir hilang atau kepala rantai diubah" in stderr


def test_intact_log_exits_with_status_0_from_the_command_line(opd_log, capsys):
    command = load_command_class("tera.audit", "audit")
    command.run_from_argv(["manage.py", "audit", "verify"])
    assert capsys.readouterr().out == "Log audit utuh: 4 entri diperiksa.\n"


def test_verify_is_required_as_the_action(db, capsys):
    with pytest.raises(SystemExit) as exited:
        load_command_class("tera.audit", "audit").run_from_argv(["manage.py", "audit"])
    assert exited.value.code == 2
