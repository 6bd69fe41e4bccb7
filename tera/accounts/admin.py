from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tera.accounts import actions
from tera.accounts.models import LoginThrottle, TotpDevice
from tera.audit.admin import AuditedAdmin


@admin.register(LoginThrottle)
class LoginThrottleAdmin(AuditedAdmin):
    list_display = ["scope", "key", "failures", "window_started_at", "locked_until"]
    list_filter = ["scope"]
    search_fields = ["key"]
    actions = ["unlock"]

    @admin.action(description=_("Lift the lock"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[LoginThrottle]) -> None:
        for throttle in queryset:
            actions.unlock(throttle, user=request.user)


@admin.register(TotpDevice)
class TotpDeviceAdmin(AuditedAdmin):
    """A platform admin turns two-step log-in off for someone who lost both phone and codes."""

    list_display = ["user", "confirmed_at"]
    list_select_related = ["user"]
    fields = ["user", "confirmed_at"]
    readonly_fields = ["user", "confirmed_at"]
    actions = ["turn_off"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Turn two-step log-in off"))
    def turn_off(self, request: HttpRequest, queryset: QuerySet[TotpDevice]) -> None:
        for device in queryset:
            actions.disable_totp(device, user=request.user)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """Django's own user pages, with every change in the audit chain."""


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    """Django's own group pages, with every change in the audit chain."""
