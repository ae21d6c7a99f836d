from django.urls import path

from .views import enquiries, governance, register

app_name = "people"
urlpatterns = [
    path("", register.register, name="register"),
    path("posts/new/", register.post_new, name="post-new"),
    path("posts/<int:pk>/", register.post_detail, name="post"),
    path("posts/<int:pk>/history/", register.post_history, name="post-history"),
    path("posts/<int:pk>/change/", register.post_change, name="post-change"),
    path("enquiries/", enquiries.enquiry_list, name="enquiries"),
    path("enquiries/new/", enquiries.enquiry_new, name="enquiry-new"),
    path("enquiries/measures/", enquiries.enquiry_measures, name="enquiry-measures"),
    path("enquiries/<int:pk>/", enquiries.enquiry_detail, name="enquiry"),
    path("enquiries/<int:pk>/answer/", enquiries.enquiry_answer, name="enquiry-answer"),
    path(
        "enquiries/<int:pk>/point-of-law/",
        enquiries.enquiry_point_of_law,
        name="enquiry-point-of-law",
    ),
    path("governance/", governance.meeting_list, name="governance"),
    path("governance/new/", governance.meeting_new, name="meeting-new"),
    path("governance/actions/", governance.my_actions, name="my-actions"),
    path(
        "governance/actions/<int:pk>/complete/",
        governance.action_complete,
        name="action-complete",
    ),
    path("governance/<int:pk>/", governance.meeting_detail, name="meeting"),
    path("governance/<int:pk>/decisions/", governance.meeting_decision, name="meeting-decision"),
    path("governance/<int:pk>/actions/", governance.meeting_action, name="meeting-action"),
]
