from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new", views.case_create, name="create"),
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/new", views.criteria_edit, name="criteria-new"),
    path("criteria/<int:rule_id>", views.criteria_edit, name="criteria-edit"),
    path("allocation-compliance", views.compliance, name="compliance"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit", views.case_edit, name="edit"),
    path("<int:pk>/timeline", views.case_timeline, name="timeline"),
    path("<int:pk>/allocation", views.case_allocation, name="allocation"),
    path("<int:pk>/suspects", views.case_defendants, name="defendants"),
    path("<int:pk>/suspects/new", views.defendant_add, name="defendant-add"),
    path("<int:pk>/suspects/<int:did>/charges/new", views.charge_add, name="charge-add"),
    path("<int:pk>/suspects/<int:did>/sentence", views.sentence_add, name="sentence-add"),
    path("<int:pk>/charges/<int:cid>", views.charge_result, name="charge-result"),
    path("<int:pk>/s45", views.case_s45, name="s45"),
    path("<int:pk>/s45/<int:did>", views.s45_edit, name="s45-edit"),
    path("<int:pk>/orders", views.case_orders, name="orders"),
    path("<int:pk>/orders/new", views.order_add, name="order-add"),
    path("<int:pk>/milestones/<slug:kind>", views.case_milestone, name="milestone"),
]
