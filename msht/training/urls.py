from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("mine/", views.mine, name="mine"),
    path("courses/", views.course_list, name="courses"),
    path("courses/new/", views.course_edit, name="course-new"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course-edit"),
    path("requirements/", views.requirement_list, name="requirements"),
    path("requirements/new/", views.requirement_edit, name="requirement-new"),
    path("requirements/<int:pk>/edit/", views.requirement_edit, name="requirement-edit"),
    path("completions/", views.completion_list, name="completions"),
    path("completions/new/", views.completion_new, name="completion-new"),
]
