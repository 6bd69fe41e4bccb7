from django.urls import path

from tera.api import views

app_name = "tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("buat/", views.token_create, name="create"),
    path("<int:pk>/cabut/", views.token_revoke, name="revoke"),
]
