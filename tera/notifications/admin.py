from django.contrib import admin

from tera.audit.admin import AuditedAdmin
from tera.notifications.models import Notification, ReminderSent


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ["user", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]


@admin.register(ReminderSent)
class ReminderSentAdmin(AuditedAdmin):
    list_display = ["kind", "object_id", "due_at", "lead_days", "user", "claimed_at", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]
