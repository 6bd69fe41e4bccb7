from django.urls import path

from tera.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="job"),
    path("<uuid:pk>/unduh/", views.job_download, name="download"),
    path("<uuid:pk>/ulangi/", views.job_retry, name="retry"),
]
