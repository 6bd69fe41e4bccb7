from django.urls import path

from tera.planning.views import items, monitoring, plans, simulation

app_name = "planning"
urlpatterns = [
    path("periode/<int:pk>/simulasi/", simulation.whatif, name="whatif"),
    path("periode/<int:pk>/rencana/", plans.planner, name="planner"),
    path("periode/<int:pk>/target/", plans.target, name="target"),
    path("periode/<int:pk>/biaya/", plans.costs, name="costs"),
    path("periode/<int:pk>/kenaikan/", plans.caps, name="caps"),
    path("periode/<int:pk>/biaya/unggah/", plans.costs_upload, name="costs_upload"),
    path("periode/<int:pk>/biaya/hapus/", plans.costs_clear, name="costs_clear"),
    path("periode/<int:pk>/rencana/terima/", plans.accept, name="accept"),
    path("periode/<int:pk>/aksi/", items.item_list, name="items"),
    path("periode/<int:pk>/aksi/baru/", items.item_create, name="item_create"),
    path("periode/<int:pk>/pemantauan/", monitoring.monitoring_page, name="monitoring"),
    path("aksi/<int:pk>/", items.item_detail, name="item"),
    path("aksi/<int:pk>/status/", items.item_status, name="item_status"),
    path("aksi/<int:pk>/catatan/", items.item_note, name="item_note"),
    path("aksi/<int:pk>/bukti/", items.item_evidence, name="item_evidence"),
]
