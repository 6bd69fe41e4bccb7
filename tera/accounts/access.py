"""Who may turn on two-step log-in, and whose lock-outs a user may see and lift."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tera.accounts.models import LoginThrottle, TotpDevice
from tera.accounts.throttle import Scope, username_key
from tera.organizations.access import User, is_admin
from tera.organizations.models import Membership

Role = Membership.Role


def managed_instansi_ids(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user_id=user.pk, role=Role.KOORDINATOR).values_list(
            "instansi_id", flat=True
        )
    )


def is_manager(user: User) -> bool:
    """Accounts that can change a whole instansi or the platform: they may turn on two-step
    log-in, and they lift the lock-outs of their people."""
    return is_admin(user) or bool(managed_instansi_ids(user))


def visible_lockouts(user: User) -> QuerySet[LoginThrottle]:
    """The locks in force that the user may lift: all for a platform admin, and for a
    Koordinator those of the user names of their instansi's people (never an address, which
    may be anyone's)."""
    locked = LoginThrottle.objects.filter(locked_until__gt=timezone.now())
    if is_admin(user):
        return locked
    usernames = (
        get_user_model()
        ._default_manager.filter(memberships__instansi_id__in=managed_instansi_ids(user))
        .values_list("username", flat=True)
        .distinct()
    )
    keys = {username_key(username) for username in usernames}
    return locked.filter(scope=Scope.USERNAME, key__in=keys)


def get_lockout_for_user(user: User, pk: int) -> LoginThrottle:
    return get_object_or_404(visible_lockouts(user), pk=pk)


def require_manager(user: User) -> None:
    if not is_manager(user):
        raise PermissionDenied


def get_device_for_user(user: User) -> TotpDevice:
    """The user's own authenticator; nobody reaches another user's through this."""
    device = TotpDevice.objects.filter(user_id=getattr(user, "pk", None)).first()
    if device is None:
        raise Http404
    return device
