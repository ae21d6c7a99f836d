from django.urls import path

from . import views

app_name = "insight"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("area/<str:code>/", views.area_dashboard, name="area"),
    path("published/", views.scrutiny, name="scrutiny"),
    path("definitions", views.definitions, name="definitions"),
    path("pack/", views.pack_download, name="pack"),
    path("pack/freeze", views.pack_freeze_view, name="freeze"),
    path("frozen/<uuid:public_id>/", views.frozen_detail, name="frozen"),
]
