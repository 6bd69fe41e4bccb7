"""A short audit log to tamper with, and raw SQL that goes around the ORM's guard."""

import pytest
from django.db import connection

from tera.audit.log import chain_key
from tera.organizations.actions import add_opd

OPD_NAMES = ("Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan", "Inspektorat")


@pytest.fixture
def opd_log(kota, koordinator):
    """Kota Satu's chain with four entries, one per OPD added, at positions 1 to 4."""
    for name in OPD_NAMES:
        add_opd(kota, name=name, user=koordinator)
    return chain_key(kota.pk)


@pytest.fixture
def raw_sql(db):
    """Run SQL as someone with database access would; on PostgreSQL the trigger is off first.

    ALTER TABLE is transactional on PostgreSQL, so the trigger is back after the test.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")

        def execute(sql, params=()):
            cursor.execute(sql, params)

        yield execute
