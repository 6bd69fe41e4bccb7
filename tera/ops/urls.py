from django.urls import path

from tera.ops import views

app_name = "ops"
urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
