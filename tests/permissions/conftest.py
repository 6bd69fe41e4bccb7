"""The world every permission case runs in: Kota Satu and Kota Dua, built alike."""

import pytest

from tera.assessments import actions
from tera.organizations.models import Opd
from tests.permissions.matrix import PERSONAS, World, build_side


@pytest.fixture
def world(settings, tmp_path, period, other_period, kominfo, bappeda, request):
    settings.MEDIA_ROOT = tmp_path
    users = {p: request.getfixturevalue(p) for p in PERSONAS if p != "anonymous"}
    outsider = users["outsider"]
    other_kominfo = Opd.objects.create(instansi=other_period.instansi, name="Diskominfo Dua")
    other_bappeda = Opd.objects.create(instansi=other_period.instansi, name="Bappeda Dua")
    actions.assign_opd(other_period, 1, other_kominfo, lead=True, user=outsider)
    actions.assign_opd(other_period, 1, other_bappeda, lead=False, user=outsider)
    actions.assign_opd(other_period, 2, other_bappeda, lead=True, user=outsider)
    return World(
        users={**users, "anonymous": None},
        kota_satu=build_side(period, users["koordinator"], kominfo, bappeda),
        kota_dua=build_side(other_period, outsider, other_kominfo, other_bappeda),
    )
