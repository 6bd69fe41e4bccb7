from django.urls import path

from tera.instruments import views

app_name = "instruments"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("<slug:code>/", views.instrument_detail, name="detail"),
    path("<slug:code>/r<int:revision>/", views.instrument_detail, name="revision"),
    path(
        "<slug:code>/r<int:revision>/indikator/<int:number>/",
        views.indicator_detail,
        name="indicator",
    ),
]
