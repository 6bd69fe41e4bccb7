"""Who may read and change what in an instansi; every view, API call and command asks here."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi

Role = Membership.Role
User = AbstractBaseUser | AnonymousUser
READ_ALL_ROLES = {Role.KOORDINATOR, Role.ASESOR, Role.PIMPINAN, Role.PROVINSI}
PROVINCE_MEMBER_KINDS = (Instansi.Kind.KABUPATEN, Instansi.Kind.KOTA)


@dataclass(frozen=True)
class Access:
    """What one user may do in one instansi."""

    instansi_id: int
    roles: frozenset[str]
    opd_ids: frozenset[int]
    is_admin: bool = False

    @property
    def can_read(self) -> bool:
        return self.is_admin or bool(self.roles)

    @property
    def reads_everything(self) -> bool:
        """Everyone but an OPD member sees every indicator of the instansi."""
        return self.is_admin or bool(self.roles & READ_ALL_ROLES)

    @property
    def manages(self) -> bool:
        return self.is_admin or Role.KOORDINATOR in self.roles

    @property
    def reviews(self) -> bool:
        return self.manages or Role.ASESOR in self.roles

    @property
    def contributes(self) -> bool:
        """May upload evidence and write contributions (for their OPD, or all when managing)."""
        return self.reviews or bool(self.opd_ids)

    def may_edit_opd(self, opd_id: int) -> bool:
        return self.manages or opd_id in self.opd_ids

    def may_cite_for(self, opd_id: int | None) -> bool:
        """Evidence for an OPD's contribution is the OPD's to cite; for the answer, a reviewer's."""
        return self.reviews if opd_id is None else self.may_edit_opd(opd_id)

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied


@dataclass(frozen=True)
class _Grant:
    instansi_id: int
    role: str
    opd_id: int | None
    province: str


def _grants(user: User) -> list[_Grant]:
    """The user's memberships, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return []
    cached: list[_Grant] | None = getattr(user, "_tera_grants", None)
    if cached is None:
        cached = [
            _Grant(m.instansi_id, m.role, m.opd_id, m.instansi.province)
            for m in Membership.objects.filter(user=user).select_related("instansi")
        ]
        user._tera_grants = cached  # type: ignore[union-attr]
    return cached


def is_admin(user: User) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def access_for(user: User, instansi: Instansi) -> Access:
    roles: set[str] = set()
    opd_ids: set[int] = set()
    for grant in _grants(user):
        if grant.instansi_id == instansi.pk:
            roles.add(grant.role)
            if grant.opd_id is not None:
                opd_ids.add(grant.opd_id)
        elif _province_covers(grant, instansi):
            roles.add(Role.PROVINSI)
    return Access(instansi.pk, frozenset(roles), frozenset(opd_ids), is_admin(user))


def _province_covers(grant: _Grant, instansi: Instansi) -> bool:
    return (
        grant.role == Role.PROVINSI
        and bool(grant.province)
        and instansi.province == grant.province
        and instansi.kind in PROVINCE_MEMBER_KINDS
    )


def opd_memberships(user: User) -> list[tuple[int, int]]:
    """(instansi id, OPD id) of every OPD the user answers for, in order."""
    return sorted(
        (grant.instansi_id, grant.opd_id)
        for grant in _grants(user)
        if grant.role == Role.OPD and grant.opd_id is not None
    )


def visible_instansi(user: User) -> QuerySet[Instansi]:
    """The instansi the user may open: their own, and the kab/kota of a province they coordinate."""
    if is_admin(user):
        return Instansi.objects.all()
    grants = _grants(user)
    own = {grant.instansi_id for grant in grants}
    provinces = {g.province for g in grants if g.role == Role.PROVINSI and g.province}
    covered = Q(province__in=provinces, kind__in=PROVINCE_MEMBER_KINDS) if provinces else Q(pk=None)
    return Instansi.objects.filter(Q(pk__in=own) | covered)


def member_instansi(user: User) -> QuerySet[Instansi]:
    """The instansi the user belongs to (not those read through a province)."""
    if is_admin(user):
        return Instansi.objects.filter(memberships__isnull=False).distinct()
    return Instansi.objects.filter(pk__in={grant.instansi_id for grant in _grants(user)})


def get_instansi_for_user(user: User, pk: int) -> tuple[Instansi, Access]:
    instansi = get_object_or_404(Instansi, pk=pk)
    access = access_for(user, instansi)
    if not access.can_read:
        raise Http404
    return instansi, access


def get_opd_for_user(user: User, pk: int) -> tuple[Opd, Access]:
    opd = get_object_or_404(Opd.objects.select_related("instansi"), pk=pk)
    access = access_for(user, opd.instansi)
    if not (access.reads_everything or pk in access.opd_ids):
        raise Http404
    return opd, access
