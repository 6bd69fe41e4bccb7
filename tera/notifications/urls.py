from django.urls import path

from tera.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/dibaca/", views.read, name="read"),
    path("dibaca-semua/", views.read_all, name="read_all"),
]
