from django.urls import path

from . import views

app_name = "interchange"
urlpatterns = [
    path("", views.home, name="home"),
    path("import/", views.upload, name="upload"),
    path("imports/<uuid:public_id>/", views.batch_detail, name="batch"),
    path("imports/<uuid:public_id>/report.csv", views.batch_report, name="batch-report"),
    path("templates/<slug:kind>.csv", views.template_download, name="template"),
    path("export/cases/", views.export_cases, name="export"),
    path("export/htcds/", views.export_htcds, name="htcds"),
    path("export/case/<int:pk>/", views.export_case_record, name="case-export"),
]
