"""URL access declarations for quality assurance (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import Access

QUALITY = (C.QUALITY_REVIEW, C.QUALITY_MANAGE)


def _assessment(side):
    return {"pk": side.assessment.pk}


def _action() -> Access:
    return Access(
        QUALITY,
        method="post",
        record=_assessment,
        why="the door is seeing the assessment; the service then refuses what a role may not do",
    )


URL_ACCESS = {
    "quality/": Access(QUALITY),
    "quality/assessments/": Access(QUALITY, shows="case"),
    "quality/assessments/new": Access(C.QUALITY_SIGN_OFF),
    "quality/assessments/<int:pk>/": Access(QUALITY, record=_assessment, shows="case"),
    "quality/assessments/<int:pk>/answers": _action(),
    "quality/assessments/<int:pk>/findings": _action(),
    "quality/assessments/<int:pk>/actions": _action(),
    "quality/assessments/<int:pk>/sign-off": _action(),
    "quality/assessments/<int:pk>/reviewer": _action(),
    "quality/actions/<int:pk>/done": Access(QUALITY, method="post"),
    "quality/samples/": Access(C.QUALITY_MANAGE),
    "quality/samples/new": Access(C.QUALITY_SIGN_OFF),
    "quality/samples/<int:pk>/": Access(C.QUALITY_MANAGE, shows="case"),
    "quality/dashboard/": Access(C.QUALITY_MANAGE),
    "quality/training-needs/": Access(C.QUALITY_MANAGE),
    "quality/allocation/": Access(C.QUALITY_MANAGE),
    "quality/templates/": Access(QUALITY),
    "quality/templates/versions/<int:pk>/": Access(QUALITY),
}
