"""Lost updates on quality assessments (issue 13 item 4): a save from a stale page is refused."""

import html
import re

import pytest
from django.urls import reverse

from msht.quality import services
from msht.quality.models import Assessment

from .factories import all_questions, make_assessment, reviewer, topic, unit_head

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved changes to this assessment after you opened this page"


def _version(response, prefix: str = "") -> str:
    match = re.search(rf'name="{prefix}version" value="(\d+)"', response.content.decode())
    assert match, "the form carries the version it was built from"
    return match.group(1)


def test_answers_saved_in_two_windows_the_stale_one_is_refused(client_for):
    assessment = make_assessment()
    question = all_questions(assessment)[0]
    url = reverse("quality:assessment", args=[assessment.pk])
    answers = reverse("quality:assessment-answers", args=[assessment.pk])
    first, second = client_for(assessment.reviewer), client_for(assessment.reviewer)
    first_version, second_version = _version(first.get(url)), _version(second.get(url))

    saved = first.post(
        answers,
        {f"q{question.pk}": "fully_met", f"c{question.pk}": "first", "version": first_version},
    )
    assert saved.status_code == 302
    refused = second.post(
        answers,
        {f"q{question.pk}": "not_met", f"c{question.pk}": "second", "version": second_version},
    )
    assert refused.status_code == 400
    assert CONFLICT in html.unescape(refused.content.decode())
    answer = assessment.answers.get()
    assert (answer.rating, answer.comment) == ("fully_met", "first")


def test_two_unit_heads_reassigning_at_once_the_second_is_refused(client_for):
    head = unit_head()
    other_head = unit_head()
    assessment = make_assessment(head=head)
    url = reverse("quality:assessment", args=[assessment.pk])
    reassign = reverse("quality:assessment-reassign", args=[assessment.pk])
    first, second = client_for(head), client_for(other_head)
    v1, v2 = _version(first.get(url), "reassign-"), _version(second.get(url), "reassign-")
    one, two = reviewer(), reviewer()

    assert (
        first.post(reassign, {"reassign-reviewer": one.pk, "reassign-version": v1}).status_code
        == 302
    )
    refused = second.post(reassign, {"reassign-reviewer": two.pk, "reassign-version": v2})
    assert refused.status_code == 400
    assert CONFLICT in html.unescape(refused.content.decode())
    assert Assessment.objects.get(pk=assessment.pk).reviewer == one


def test_a_change_below_the_assessment_makes_open_pages_stale(client_for):
    """Adding a finding moves the version on, so an answers page opened before it is stale."""
    assessment = make_assessment()
    question = all_questions(assessment)[0]
    window = client_for(assessment.reviewer)
    stale = _version(window.get(reverse("quality:assessment", args=[assessment.pk])))
    services.finding_add(
        actor=assessment.reviewer, assessment=assessment, text="A finding", topics=[topic()]
    )
    refused = window.post(
        reverse("quality:assessment-answers", args=[assessment.pk]),
        {f"q{question.pk}": "fully_met", "version": stale},
    )
    assert refused.status_code == 400
    assert CONFLICT in html.unescape(refused.content.decode())
    assert not assessment.answers.exists()
