from django.urls import path

from tera.instruments import views

app_name = "instruments"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("padanan/", views.crosswalk_list, name="crosswalks"),
    path("padanan/<slug:code>/", views.crosswalk_detail, name="crosswalk"),
    path(
        "padanan/<slug:code>/r<int:revision>/",
        views.crosswalk_detail,
        name="crosswalk_revision",
    ),
    path("<slug:code>/", views.instrument_detail, name="detail"),
    path("<slug:code>/r<int:revision>/", views.instrument_detail, name="revision"),
    path(
        "<slug:code>/r<int:revision>/indikator/<int:number>/",
        views.indicator_detail,
        name="indicator",
    ),
]
