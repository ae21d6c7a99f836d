"""The quality demo loads once, gives the dashboards data, and is idempotent."""

from io import StringIO

import pytest

from msht.accounts.demo import demo_users_ensure
from msht.quality.demo import load_demo_quality
from msht.quality.models import AssessmentStatus, DipSample

pytestmark = pytest.mark.django_db


def test_demo_quality_is_idempotent_and_has_completed_and_signed_off_reviews():
    demo_users_ensure()
    load_demo_quality(StringIO())
    load_demo_quality(StringIO())
    sample = DipSample.objects.get()
    statuses = list(sample.assessments.values_list("status", flat=True))
    assert statuses.count(AssessmentStatus.SIGNED_OFF) == 2
    assert statuses.count(AssessmentStatus.COMPLETED) == 2
