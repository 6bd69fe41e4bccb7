from django.contrib import admin

from tera.audit.admin import AuditedAdmin
from tera.registry.models import Instansi, InstansiAlias, NationalAverage, OfficialResult


class AliasInline(admin.TabularInline):
    model = InstansiAlias
    extra = 0


@admin.register(Instansi)
class InstansiAdmin(AuditedAdmin):
    list_display = ["name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "aliases__name"]
    inlines = [AliasInline]


@admin.register(OfficialResult)
class OfficialResultAdmin(AuditedAdmin):
    list_display = ["published_name", "year", "index", "predikat"]
    list_filter = ["year", "instansi__kind"]
    search_fields = ["published_name"]
    list_select_related = ["instansi"]


admin.site.register(NationalAverage, AuditedAdmin)
