"""URLs of the public result pages, the provincial comparison, and publishing a period's result."""

from django.urls import path

from tera.reports.views import comparison, public, publication

app_name = "public"
urlpatterns = [
    path("publik/", public.landing, name="landing"),
    path("publik/instansi/<slug:slug>/", public.instansi_page, name="instansi"),
    path("nasional/", public.national, name="national"),
    path("nasional/hasil.xlsx", public.national_workbook_download, name="national_workbook"),
    path("provinsi/<str:province>/", comparison.province_page, name="province"),
    path(
        "provinsi/<str:province>/perbandingan.xlsx",
        comparison.province_workbook,
        name="province_workbook",
    ),
    path("periode/<int:pk>/publikasi/", publication.publication_page, name="publication"),
    path("periode/<int:pk>/publikasi/terbitkan/", publication.publish, name="publish"),
    path("periode/<int:pk>/publikasi/tarik/", publication.withdraw, name="withdraw"),
]
