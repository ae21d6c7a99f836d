from django.urls import path

from . import views

app_name = "hub"
urlpatterns = [
    path("", views.home, name="home"),
    path("whats-new/", views.whats_new, name="whats-new"),
    path("feed.atom", views.feed, name="feed"),
    path("mine/", views.mine, name="mine"),
    path("review/", views.review, name="review"),
    path("items/new/", views.item_create, name="item-create"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/submit/", views.item_submit, name="item-submit"),
    path("items/<int:pk>/publish/", views.item_publish, name="item-publish"),
    path("items/<int:pk>/confirm/", views.item_confirm, name="item-confirm"),
    path("items/<int:pk>/return/", views.item_return, name="item-return"),
    path("items/<int:pk>/archive/", views.item_archive, name="item-archive"),
    path("feedback/", views.feedback_list, name="feedback-list"),
    path("feedback/new/", views.feedback_new, name="feedback-new"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback"),
    path("feedback/<int:pk>/answer/", views.feedback_answer, name="feedback-answer"),
    path("feedback/<int:pk>/lesson/", views.feedback_lesson, name="feedback-lesson"),
]
