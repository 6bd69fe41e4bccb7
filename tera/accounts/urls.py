from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from tera.accounts import views
from tera.accounts.forms import ResetPasswordForm

app_name = "accounts"
urlpatterns = [
    path("masuk/kode/", views.second_step, name="second_step"),
    path("masuk/lupa-sandi/", views.TeraPasswordResetView.as_view(), name="password_reset"),
    path(
        "masuk/lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "masuk/atur-ulang/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=ResetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "masuk/atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("akun/", views.account, name="account"),
    path("akun/dua-langkah/", views.two_step, name="two_step"),
    path("akun/dua-langkah/aktifkan/", views.two_step_enable, name="two_step_enable"),
    path("akun/dua-langkah/matikan/", views.two_step_disable, name="two_step_disable"),
    path("akun/penguncian/", views.lockouts, name="lockouts"),
    path("akun/penguncian/<int:pk>/buka/", views.unlock, name="unlock"),
]
