from django.urls import path

from . import views

app_name = "advice"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/accept", views.request_accept, name="accept"),
    path("<int:pk>/decline", views.request_decline, name="decline"),
    path("<int:pk>/advice", views.advice_give, name="give"),
    path("<int:pk>/case", views.link_case, name="link-case"),
    path("joint/", views.joint_list, name="joint"),
    path("joint/<uuid:public_id>/", views.joint_detail, name="joint-detail"),
    path("joint/<uuid:public_id>/share", views.joint_share, name="joint-share"),
    path("joint/<uuid:public_id>/download", views.joint_download, name="joint-download"),
    path("keys/", views.keys, name="keys"),
    path("keys/<uuid:public_id>/revoke", views.key_revoke, name="key-revoke"),
]
