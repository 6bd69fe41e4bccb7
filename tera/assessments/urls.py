from django.urls import path

from tera.assessments.views import compare, dashboard, indicators, periods
from tera.assessments.views.calibration import calibration_page
from tera.assessments.views.stages import stage_comparison, stage_entry, stage_import
from tera.assessments.views.windows import (
    deadline_windows,
    objection_create,
    reupload_after_interview,
)

app_name = "assessments"
urlpatterns = [
    path("tugas/", periods.tasks, name="tasks"),
    path("instansi/<int:instansi_pk>/periode-baru/", periods.period_create, name="period_create"),
    path("instansi/<int:instansi_pk>/bandingkan/", compare.compare, name="compare"),
    path("periode/<int:pk>/", periods.period_detail, name="period"),
    path("periode/<int:pk>/penugasan/", periods.assignments, name="assignments"),
    path("periode/<int:pk>/penugasan/tambah/", periods.assign, name="assign"),
    path("periode/<int:pk>/penugasan/sekaligus/", periods.assign_many, name="assign_many"),
    path("penugasan/<int:pk>/hapus/", periods.unassign, name="unassign"),
    path("periode/<int:pk>/status/<slug:step>/", periods.change_status, name="status"),
    path("periode/<int:pk>/riwayat/", periods.period_history, name="history"),
    path("periode/<int:pk>/tahap/", stage_comparison, name="stages"),
    path("periode/<int:pk>/tahap/impor/", stage_import, name="stage_import"),
    path("periode/<int:pk>/tahap/<slug:stage>/", stage_entry, name="stage_entry"),
    path("periode/<int:pk>/tenggat/", deadline_windows, name="windows"),
    path(
        "periode/<int:pk>/tenggat/interviu/",
        reupload_after_interview,
        name="window_from_interview",
    ),
    path("periode/<int:pk>/sanggahan/", objection_create, name="objection_create"),
    path("periode/<int:pk>/kalibrasi/", calibration_page, name="calibration"),
    path("periode/<int:period_pk>/indikator/<int:number>/", indicators.indicator, name="indicator"),
    path(
        "periode/<int:period_pk>/indikator/<int:number>/jawaban/",
        indicators.save_answer,
        name="answer_save",
    ),
    path(
        "periode/<int:period_pk>/indikator/<int:number>/pakai/<int:pk>/",
        indicators.adopt_contribution,
        name="answer_adopt",
    ),
    path(
        "periode/<int:period_pk>/indikator/<int:number>/ajukan/",
        indicators.submit_answer,
        name="answer_submit",
    ),
    path(
        "periode/<int:period_pk>/indikator/<int:number>/tinjau/",
        indicators.review_answer,
        name="answer_review",
    ),
    path("kontribusi/<int:pk>/", indicators.save_contribution, name="contribution_save"),
    path("kontribusi/<int:pk>/ajukan/", indicators.submit_contribution, name="contribution_submit"),
]

dashboard_urls = [
    path("", dashboard.home, name="home"),
    path("dasbor/", dashboard.dashboard, name="dashboard"),
]
