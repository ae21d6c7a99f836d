from django.urls import path

from . import user_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("two-factor", views.two_factor, name="two-factor"),
    path("two-factor/set-up", views.two_factor_set_up, name="two-factor-set-up"),
    path("backup-codes", views.backup_codes, name="backup-codes"),
    path("users", user_views.user_list, name="users"),
    path("users/new", user_views.user_new, name="user-new"),
    path("users/<int:pk>/status", user_views.user_status, name="user-status"),
]
