"""Adding OPD and people to an instansi, one by one or from a sheet."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from tera.audit.log import record, snapshot
from tera.core.sheets import SheetError, read_rows
from tera.errors import ActionRefused
from tera.organizations.access import access_for
from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi

Role = Membership.Role
EMAIL_MAX_LENGTH = 254
IMPORTABLE_ROLES = {
    "koordinator": Role.KOORDINATOR,
    "asesor": Role.ASESOR,
    "asesor internal": Role.ASESOR,
    "opd": Role.OPD,
    "anggota opd": Role.OPD,
    "pimpinan": Role.PIMPINAN,
}
PEOPLE_COLUMNS = {
    "opd": {"opd", "nama_opd", "unit", "unit_kerja"},
    "short_name": {"singkatan", "short_name", "alias"},
    "username": {"username", "nama_pengguna", "pengguna", "user"},
    "full_name": {"nama", "nama_lengkap", "full_name", "name"},
    "email": {"email", "e-mail", "surel"},
    "role": {"peran", "role"},
}


def _require_manager(user: Any, instansi: Instansi) -> None:
    access = access_for(user, instansi)
    access.require(access.manages)


def _log(user: Any, action: str, obj: Any, instansi: Instansi, fields: tuple[str, ...]) -> None:
    record(
        actor=user,
        action=action,
        obj=obj,
        instansi_id=instansi.pk,
        after=snapshot(obj, fields),
    )


@transaction.atomic
def add_opd(instansi: Instansi, *, name: str, short_name: str = "", user: Any) -> Opd:
    _require_manager(user, instansi)
    name = " ".join(name.split())
    if not name:
        raise ActionRefused(_("Give the OPD a name."))
    if Opd.objects.filter(instansi=instansi, name__iexact=name).exists():
        raise ActionRefused(_("%(name)s already exists.") % {"name": name})
    opd = Opd.objects.create(instansi=instansi, name=name, short_name=short_name.strip())
    _log(user, "opd.add", opd, instansi, ("name", "short_name"))
    return opd


def new_password() -> str:
    return secrets.token_urlsafe(9)


@transaction.atomic
def add_member(
    instansi: Instansi,
    *,
    username: str,
    role: str,
    user: Any,
    full_name: str = "",
    email: str = "",
    opd: Opd | None = None,
) -> tuple[Membership, str | None]:
    """The membership, and the new user's one-time password when the user is new."""
    _require_manager(user, instansi)
    problems = _member_problems(username, role, email, opd is not None)
    if problems:
        raise ActionRefused(" ".join(problems))
    if opd is not None and opd.instansi_id != instansi.pk:
        raise ActionRefused(_("This OPD belongs to another instansi."))
    person, password = _person(username, full_name, email)
    membership, created = Membership.objects.get_or_create(
        user=person, instansi=instansi, role=role, opd=opd if role == Role.OPD else None
    )
    if not created:
        raise ActionRefused(_("%(username)s already has this role.") % {"username": username})
    _log(user, "membership.add", membership, instansi, ("user", "role", "opd"))
    return membership, password


@transaction.atomic
def remove_member(membership: Membership, *, user: Any) -> None:
    _require_manager(user, membership.instansi)
    if membership.user_id == user.pk and membership.role == Role.KOORDINATOR:
        raise ActionRefused(_("You cannot remove your own Koordinator role."))
    before = snapshot(membership, ("user", "role", "opd"))
    record(
        actor=user,
        action="membership.remove",
        obj=membership,
        instansi_id=membership.instansi_id,
        before=before,
    )
    membership.delete()


def _person(username: str, full_name: str, email: str) -> tuple[Any, str | None]:
    User = get_user_model()
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing, None
    password = new_password()
    first, _space, last = full_name.strip().partition(" ")
    person = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        first_name=first[:150],
        last_name=last[:150],
    )
    return person, password


def _member_problems(username: str, role: str, email: str, has_opd: bool) -> list[str]:
    problems = []
    try:
        UnicodeUsernameValidator()(username)
        if not username or len(username) > 150:
            raise ValidationError("length")
    except ValidationError:
        problems.append(
            _("user name “%(username)s” may contain only letters, digits and @.+-_ (at most 150).")
            % {"username": username}
        )
    if role not in IMPORTABLE_ROLES.values():
        problems.append(
            _("role “%(role)s” is unknown; use one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(sorted(set(IMPORTABLE_ROLES.values())))}
        )
    if role == Role.OPD and not has_opd:
        problems.append(_("an OPD member needs an OPD."))
    if email:
        try:
            validate_email(email)
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("length")
        except ValidationError:
            problems.append(_("“%(email)s” is not an e-mail address.") % {"email": email})
    return problems


@dataclass
class PeopleImport:
    opds: list[str] = field(default_factory=list)
    new_users: list[tuple[str, str]] = field(default_factory=list)
    memberships: int = 0


class ImportRejected(ActionRefused):
    """The sheet has errors; every one names its row, and nothing was written."""

    def __init__(self, problems: list[str]):
        super().__init__(_("The sheet was not imported; fix these rows and upload it again."))
        self.problems = problems


def import_people(instansi: Instansi, path: Path, file_name: str, *, user: Any) -> PeopleImport:
    """OPD and users from a sheet: all rows are checked first, then written in one transaction."""
    _require_manager(user, instansi)
    try:
        rows = list(read_rows(path, PEOPLE_COLUMNS, file_name))
    except SheetError as error:
        raise ImportRejected(error.problems) from None
    if not rows:
        raise ImportRejected([_("The sheet has no rows under its header.")])
    problems = [
        _("row %(row)s: %(problem)s") % {"row": number, "problem": problem}
        for number, row in rows
        for problem in _row_problems(row)
    ]
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        return _write_people(instansi, [row for _n, row in rows], user)


def _row_problems(row: dict[str, str]) -> list[str]:
    problems = _opd_problems(row)
    if not row.get("username"):
        return problems if row.get("opd") else [_("give an OPD name or a user name.")]
    role = IMPORTABLE_ROLES.get(row.get("role", "").strip().lower(), row.get("role", ""))
    return problems + _member_problems(
        row["username"], role, row.get("email", ""), bool(row.get("opd"))
    )


def _opd_problems(row: dict[str, str]) -> list[str]:
    """Names the database could not hold; SQLite would keep them, PostgreSQL would fail."""
    name_limit = Opd._meta.get_field("name").max_length
    short_name_limit = Opd._meta.get_field("short_name").max_length
    problems = []
    if len(" ".join(row.get("opd", "").split())) > name_limit:
        problems.append(
            _("the OPD name is longer than %(limit)s characters.") % {"limit": name_limit}
        )
    if len(row.get("short_name", "").strip()) > short_name_limit:
        problems.append(
            _("the short name is longer than %(limit)s characters.") % {"limit": short_name_limit}
        )
    return problems


def _write_people(instansi: Instansi, rows: list[dict[str, str]], user: Any) -> PeopleImport:
    result = PeopleImport()
    opds = {opd.name.casefold(): opd for opd in Opd.objects.filter(instansi=instansi)}
    for row in rows:
        name = " ".join(row.get("opd", "").split())
        if name and name.casefold() not in opds:
            opds[name.casefold()] = add_opd(
                instansi, name=name, short_name=row.get("short_name", ""), user=user
            )
            result.opds.append(name)
        if not row.get("username"):
            continue
        role = IMPORTABLE_ROLES[row["role"].strip().lower()]
        opd = opds[name.casefold()] if role == Role.OPD else None
        if Membership.objects.filter(
            user__username=row["username"], instansi=instansi, role=role, opd=opd
        ).exists():
            continue
        _membership, password = add_member(
            instansi,
            username=row["username"],
            role=role,
            full_name=row.get("full_name", ""),
            email=row.get("email", ""),
            opd=opd,
            user=user,
        )
        result.memberships += 1
        if password:
            result.new_users.append((row["username"], password))
    return result
