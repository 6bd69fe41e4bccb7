"""The people and places most tests use, in two instansi of one province.

Kota Satu is ours: a Koordinator, an internal assessor, a pimpinan, and members of two OPD
(Diskominfo and Bappeda). Kota Dua is another instansi with its own Koordinator, the outsider.
The provincial coordinator of Gorontalo reads Kota Satu; a platform admin reads everything.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from huey.contrib.djhuey import HUEY

from tera.assessments.actions import assign_opd
from tera.assessments.models import Period
from tera.assessments.periods import start_period
from tera.instruments.library import file_library, load_entry
from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi

Role = Membership.Role
PASSWORD = "rahasia-uji-123"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a real file so that threads and the live server see one database
    with the same locking as production (an in-memory database locks whole tables instead)."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = Path(tempfile.gettempdir()) / f"tera-test-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True)
def jobs_run_in_process():
    """Unit tests run background jobs at once, in-process; tests/jobs/test_worker.py starts a
    real worker process instead."""
    HUEY.immediate = True


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives the rollback of each test's database: every test starts with an empty
    one, as a freshly started server does."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs a quarter second per user; tests check roles, not hash strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def spbe_2020_version(db):
    version, _created = load_entry(file_library().entry("spbe-2020"))
    return version


@pytest.fixture
def pemdi_version(db):
    version, _created = load_entry(file_library().entry("pemdi-2026"))
    return version


def make_user(username, **extra):
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


def member(username, instansi, role, opd=None):
    user = make_user(username)
    Membership.objects.create(user=user, instansi=instansi, role=role, opd=opd)
    return user


@pytest.fixture
def province(db):
    return Instansi.objects.create(
        name="Pemerintah Provinsi Gorontalo",
        slug="prov-gorontalo",
        kind="provinsi",
        province="Gorontalo",
    )


@pytest.fixture
def kota(db):
    return Instansi.objects.create(
        name="Pemerintah Kota Satu", slug="kota-satu", kind="kota", province="Gorontalo"
    )


@pytest.fixture
def other_kota(db):
    return Instansi.objects.create(
        name="Pemerintah Kota Dua", slug="kota-dua", kind="kota", province="Sulawesi Utara"
    )


@pytest.fixture
def kominfo(kota):
    return Opd.objects.create(
        instansi=kota, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo"
    )


@pytest.fixture
def bappeda(kota):
    return Opd.objects.create(
        instansi=kota, name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda"
    )


@pytest.fixture
def koordinator(kota):
    return member("koordinator", kota, Role.KOORDINATOR)


@pytest.fixture
def asesor(kota):
    return member("asesor", kota, Role.ASESOR)


@pytest.fixture
def pimpinan(kota):
    return member("pimpinan", kota, Role.PIMPINAN)


@pytest.fixture
def opd_member(kota, kominfo):
    return member("staf-kominfo", kota, Role.OPD, kominfo)


@pytest.fixture
def other_opd_member(kota, bappeda):
    return member("staf-bappeda", kota, Role.OPD, bappeda)


@pytest.fixture
def outsider(other_kota):
    return member("koordinator-kota-dua", other_kota, Role.KOORDINATOR)


@pytest.fixture
def provincial(province):
    return member("koordinator-provinsi", province, Role.PROVINSI)


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", password=PASSWORD)


@pytest.fixture
def period(kota, koordinator, spbe_2020_version, kominfo, bappeda):
    """Kota Satu's 2025 self-assessment: indicator 1 led by Diskominfo with Bappeda; 2 Bappeda."""
    period = start_period(instansi=kota, instrument=spbe_2020_version, year=2025, user=koordinator)
    assign_opd(period, 1, kominfo, lead=True, user=koordinator)
    assign_opd(period, 1, bappeda, lead=False, user=koordinator)
    assign_opd(period, 2, bappeda, lead=True, user=koordinator)
    return Period.objects.select_related("instansi", "instrument").get(pk=period.pk)


@pytest.fixture
def other_period(other_kota, outsider, spbe_2020_version):
    period = start_period(
        instansi=other_kota, instrument=spbe_2020_version, year=2025, user=outsider
    )
    return Period.objects.select_related("instansi", "instrument").get(pk=period.pk)


@pytest.fixture
def pemdi_2026_period(kota, koordinator, pemdi_version, kominfo):
    """Kota Satu's 2026 Pemdi self-assessment: indicators 1 and 5 led by Diskominfo."""
    period = start_period(instansi=kota, instrument=pemdi_version, year=2026, user=koordinator)
    assign_opd(period, 1, kominfo, lead=True, user=koordinator)
    assign_opd(period, 5, kominfo, lead=True, user=koordinator)
    return Period.objects.select_related("instansi", "instrument").get(pk=period.pk)
