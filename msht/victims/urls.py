from django.urls import path

from . import views

app_name = "victims"
urlpatterns = [
    path("", views.attention, name="attention"),
    path("case/<int:pk>/", views.case_tab, name="case"),
    path("case/<int:pk>/add/", views.victim_add, name="add"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/identity/", views.identity_edit, name="identity"),
    path("<int:pk>/nrm/", views.nrm, name="nrm"),
    path("<int:pk>/special-measures/", views.special_measure_apply, name="special-measure-apply"),
    path(
        "special-measures/<int:pk>/decision/",
        views.special_measure_decide,
        name="special-measure-decide",
    ),
    path("<int:pk>/trial-date/", views.trial_date, name="trial-date"),
    path("<int:pk>/interviews/", views.interview, name="interview"),
    path("<int:pk>/interpreters/", views.interpreter_request, name="interpreter-request"),
    path("interpreters/<int:pk>/booking/", views.interpreter_book, name="interpreter-book"),
    path("interpreters/<int:pk>/outcome/", views.interpreter_outcome, name="interpreter-outcome"),
    path("<int:pk>/engagement/", views.engagement, name="engagement"),
    path("<int:pk>/reviews/", views.review_request, name="review-request"),
    path("reviews/<int:pk>/outcome/", views.review_outcome, name="review-outcome"),
    path("<int:pk>/letters/", views.letter, name="letter"),
]
