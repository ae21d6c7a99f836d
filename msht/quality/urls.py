from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("", views.home, name="home"),
    path("assessments/", views.assessment_list, name="assessments"),
    path("assessments/new", views.assessment_start, name="assessment-start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/answers", views.assessment_answers, name="assessment-answers"),
    path("assessments/<int:pk>/findings", views.assessment_finding, name="assessment-finding"),
    path("assessments/<int:pk>/actions", views.assessment_action, name="assessment-action"),
    path("assessments/<int:pk>/sign-off", views.assessment_sign_off, name="assessment-sign-off"),
    path("assessments/<int:pk>/reviewer", views.assessment_reassign, name="assessment-reassign"),
    path("actions/<int:pk>/done", views.action_done, name="action-done"),
    path("samples/", views.sample_list, name="samples"),
    path("samples/new", views.sample_new, name="sample-new"),
    path("samples/<int:pk>/", views.sample_detail, name="sample"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("training-needs/", views.training_needs, name="training-needs"),
    path("allocation/", views.allocation, name="allocation"),
    path("templates/", views.template_list, name="templates"),
    path("templates/versions/<int:pk>/", views.template_version, name="template-version"),
]
