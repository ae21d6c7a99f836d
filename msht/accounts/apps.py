from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "msht.accounts"
    label = "accounts"
