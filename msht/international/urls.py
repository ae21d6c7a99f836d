from django.urls import path

from .views import casework, deployments, report

app_name = "international"
urlpatterns = [
    path("", deployments.dashboard, name="dashboard"),
    path("deployments/", deployments.deployment_list, name="deployments"),
    path("deployments/new", deployments.deployment_create, name="deployment-new"),
    path("deployments/<int:pk>/", deployments.deployment_detail, name="deployment"),
    path("deployments/<int:pk>/edit", deployments.deployment_edit, name="deployment-edit"),
    path("deployments/<int:pk>/costs", deployments.cost_add, name="cost-add"),
    path("deployments/<int:pk>/objectives", deployments.objective_add, name="objective-add"),
    path("objectives/<int:pk>/indicators", deployments.indicator_add, name="indicator-add"),
    path("objectives/<int:pk>/activities", deployments.activity_add, name="activity-add"),
    path("indicators/<int:pk>/targets", deployments.target_add, name="target-add"),
    path("indicators/<int:pk>/actuals", deployments.actual_add, name="actual-add"),
    path("casework/", casework.casework_list, name="casework"),
    path("mla/new", casework.mla_new, name="mla-new"),
    path("mla/<int:pk>/edit", casework.mla_edit, name="mla-edit"),
    path("extradition/new", casework.extradition_new, name="extradition-new"),
    path("extradition/<int:pk>/edit", casework.extradition_edit, name="extradition-edit"),
    path("jit/new", casework.jit_new, name="jit-new"),
    path("jit/<int:pk>/edit", casework.jit_edit, name="jit-edit"),
    path("case/<int:pk>/", casework.case_tab, name="case"),
    path("<str:kind>/<int:pk>/", casework.record_detail, name="record"),
    path("<str:kind>/<int:pk>/learning", casework.learning_draft, name="learning"),
    path("report/", report.report_page, name="report"),
    path("report/freeze", report.report_freeze, name="report-freeze"),
    path("report/frozen/<uuid:public_id>/", report.frozen_detail, name="frozen"),
    path("definitions", report.definitions, name="definitions"),
]
