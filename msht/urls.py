from django.urls import include, path

from msht.web import views as web_views

urlpatterns = [
    path("", include("msht.web.urls")),
    path("account/", include("msht.accounts.urls")),
    path("audit/", include("msht.audit.urls")),
    path("cases/", include("msht.cases.urls")),
    path("victims/", include("msht.victims.urls")),
    path("data/", include("msht.interchange.urls")),
    path("performance/", include("msht.insight.urls")),
    path("quality/", include("msht.quality.urls")),
    path("hub/", include("msht.hub.urls")),
    path("people/", include("msht.people.urls")),
    path("training/", include("msht.training.urls")),
    path("international/", include("msht.international.urls")),
    path("advice/", include("msht.advice.urls")),
    path("data-protection/", include("msht.data_protection.urls")),
    path("my-work/", include("msht.worklist.urls")),
    path("", include("msht.operations.urls")),
    path("api/", include("msht.api.urls")),
]

handler400 = web_views.bad_request
handler403 = web_views.forbidden
handler404 = web_views.not_found
handler500 = web_views.server_error
