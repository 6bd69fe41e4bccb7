from django.urls import path

from tera.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.result_list, name="results"),
    path("nasional/", views.national_averages, name="national"),
    path("instansi/<slug:slug>/", views.instansi_detail, name="instansi"),
]
