from django.urls import path  # noqa: F401

app_name = "data_protection"
urlpatterns: list = []
