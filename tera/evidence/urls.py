from django.urls import path

from tera.evidence import views

app_name = "evidence"
urlpatterns = [
    path("instansi/<int:instansi_pk>/dokumen/", views.document_list, name="documents"),
    path(
        "instansi/<int:instansi_pk>/dokumen/tambah/", views.document_create, name="document_create"
    ),
    path("dokumen/<int:pk>/", views.document_detail, name="document"),
    path("dokumen/<int:pk>/versi-baru/", views.revision_create, name="revision_create"),
    path("berkas/<int:pk>/unduh/", views.download, name="download"),
    path(
        "periode/<int:period_pk>/indikator/<int:number>/bukti/unggah/",
        views.upload_for_answer,
        name="upload_for_answer",
    ),
    path(
        "periode/<int:period_pk>/indikator/<int:number>/bukti/tautkan/",
        views.cite_for_answer,
        name="cite_for_answer",
    ),
    path("bukti/<int:pk>/hapus/", views.unlink, name="unlink"),
]
