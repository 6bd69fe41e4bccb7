from django.contrib import admin

from tera.audit.admin import AuditedAdmin
from tera.planning.models import ActionItem, ProgressNote, Target


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ["period", "index", "predikat", "set_at"]
    list_select_related = ["period"]


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0


@admin.register(ActionItem)
class ActionItemAdmin(AuditedAdmin):
    list_display = ["title", "period", "indicator", "target_level", "owner", "due_on", "status"]
    list_filter = ["status", "source"]
    search_fields = ["title", "recommendation"]
    list_select_related = ["period", "owner"]
    inlines = [ProgressNoteInline]
