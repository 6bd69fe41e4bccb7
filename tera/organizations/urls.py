from django.urls import path

from tera.organizations import views

app_name = "organizations"
urlpatterns = [
    path("instansi/<int:pk>/", views.instansi_detail, name="instansi"),
    path("instansi/<int:pk>/opd/tambah/", views.opd_create, name="opd_create"),
    path("instansi/<int:pk>/anggota/tambah/", views.member_create, name="member_create"),
    path(
        "instansi/<int:pk>/anggota/<int:membership_pk>/hapus/",
        views.member_remove,
        name="member_remove",
    ),
    path("instansi/<int:pk>/impor/", views.people_import, name="people_import"),
]
