from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tera.accounts"
