"""Report URLs: the period workbook, its import, CSV/JSON exports of results, dashboards,
PDF documents."""

from django.urls import path

from tera.reports.views import dashboard, exports, pdf, workbook

app_name = "reports"
urlpatterns = [
    path("periode/<int:pk>/lembar-kerja/", workbook.workbook_page, name="workbook"),
    path("periode/<int:pk>/lembar-kerja/buat/", workbook.workbook_export, name="workbook_export"),
    path("periode/<int:pk>/lembar-kerja/impor/", workbook.workbook_import, name="workbook_import"),
    path("periode/<int:pk>/hasil.csv", exports.period_csv, name="period_csv"),
    path("periode/<int:pk>/hasil.json", exports.period_json_export, name="period_json"),
    path("hasil-resmi.csv", exports.registry_csv, name="registry_csv"),
    path("hasil-resmi.json", exports.registry_json, name="registry_json"),
    path("instansi/<int:pk>/dasbor/", dashboard.instansi_dashboard, name="instansi_dashboard"),
    path("periode/<int:pk>/laporan-pimpinan/", pdf.leadership_report, name="leadership_pdf"),
    path("periode/<int:pk>/berita-acara/", pdf.berita_acara, name="berita_acara_pdf"),
    path("provinsi/<str:province>/perbandingan.pdf", pdf.comparison_public, name="comparison_pdf"),
    path(
        "provinsi/<str:province>/perbandingan-pdf/", pdf.comparison_job, name="comparison_pdf_job"
    ),
]
