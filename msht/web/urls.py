from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path(
        "favicon.ico",
        RedirectView.as_view(url="/assets/govuk/assets/images/favicon.ico", permanent=True),
    ),
]
