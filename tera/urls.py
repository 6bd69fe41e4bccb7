"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from tera.accounts.views import TeraLoginView
from tera.api.api import api
from tera.assessments.urls import dashboard_urls

urlpatterns = [
    *dashboard_urls,
    path("masuk/", TeraLoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("tera.accounts.urls")),
    path("", include("tera.assessments.urls")),
    path("", include("tera.evidence.urls")),
    path("", include("tera.organizations.urls")),
    path("tugas-latar/", include("tera.jobs.urls")),
    path("", include("tera.ops.urls")),
    path("perencanaan/", include("tera.planning.urls")),
    path("laporan/", include("tera.reports.urls")),
    path("instrumen/", include("tera.instruments.urls")),
    path("hasil/", include("tera.registry.urls")),
    path("", include("tera.reports.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("akun/token-api/", include("tera.api.urls")),
    path("notifikasi/", include("tera.notifications.urls")),
    # One log-in page for everyone, so the admin's too is throttled and asks for the second step.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
