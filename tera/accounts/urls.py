from django.urls import path

from tera.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/kode/", views.second_step, name="second_step"),
    path("akun/", views.account, name="account"),
    path("akun/dua-langkah/", views.two_step, name="two_step"),
    path("akun/dua-langkah/aktifkan/", views.two_step_enable, name="two_step_enable"),
    path("akun/dua-langkah/matikan/", views.two_step_disable, name="two_step_disable"),
    path("akun/penguncian/", views.lockouts, name="lockouts"),
    path("akun/penguncian/<int:pk>/buka/", views.unlock, name="unlock"),
]
