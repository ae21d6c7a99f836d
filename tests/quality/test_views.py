"""Quality pages: the access matrix, bad input answered with a 4xx and a message, the flow."""

from datetime import date

import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.quality.models import Assessment, AssessmentStatus, DipSample, Rating
from msht.reference.models import Area
from tests.access import assert_access_matrix

from .factories import all_questions, allocated_case, complete, make_assessment, reviewer, soon
from .factories import unit_head as make_unit_head

pytestmark = pytest.mark.django_db

MANAGERS = {Role.UNIT_HEAD, Role.PERFORMANCE_MANAGER, Role.NATIONAL_LEAD}


def date_fields(prefix: str, value: date) -> dict:
    return {
        f"{prefix}-day": value.day,
        f"{prefix}-month": value.month,
        f"{prefix}-year": value.year,
    }


# --- Access matrix -------------------------------------------------------------------------------


def test_assessment_page_access_matrix(client_for, user_for_role):
    assessment = make_assessment()
    url = reverse("quality:assessment", args=[assessment.pk])
    # Every role's user is in London North; a reviewer sees only their own assignment.
    assert_access_matrix(client_for, user_for_role, url, allowed=MANAGERS)
    assert client_for(assessment.reviewer).get(url).status_code == 200
    elsewhere = {"area": Area.objects.get(code="WEST-MIDLANDS")}
    assert_access_matrix(
        client_for,
        user_for_role,
        url,
        allowed={Role.NATIONAL_LEAD},
        user_overrides={Role.UNIT_HEAD: elsewhere, Role.PERFORMANCE_MANAGER: elsewhere},
    )


def test_a_missing_assessment_is_404_for_everyone(client_for, user_for_role):
    make_assessment()
    for role in MANAGERS | {Role.QUALITY_REVIEWER}:
        client = client_for(user_for_role(role))
        assert client.get(reverse("quality:assessment", args=[987654])).status_code == 404


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("quality:home", MANAGERS | {Role.QUALITY_REVIEWER}),
        ("quality:assessments", MANAGERS | {Role.QUALITY_REVIEWER}),
        ("quality:templates", MANAGERS | {Role.QUALITY_REVIEWER}),
        ("quality:dashboard", MANAGERS),
        ("quality:training-needs", MANAGERS),
        ("quality:allocation", MANAGERS),
        ("quality:samples", MANAGERS),
        ("quality:sample-new", {Role.UNIT_HEAD}),
        ("quality:assessment-start", {Role.UNIT_HEAD}),
    ],
)
def test_page_access_matrix(client_for, user_for_role, name, allowed):
    assert_access_matrix(client_for, user_for_role, reverse(name), allowed=allowed)


def test_sample_page_access_matrix(client_for, user_for_role):
    for _ in range(3):
        allocated_case()
    head = make_unit_head()
    sample = _draw_through_the_page(client_for(head), [reviewer()], count=2)
    url = reverse("quality:sample", args=[sample.pk])
    assert_access_matrix(client_for, user_for_role, url, allowed=MANAGERS)


def test_posts_to_an_assessment_out_of_scope_are_404(client_for):
    assessment = make_assessment()
    outsider = client_for(make_unit_head(area="WEST-MIDLANDS"))
    for name in (
        "assessment-answers",
        "assessment-finding",
        "assessment-action",
        "assessment-sign-off",
        "assessment-reassign",
    ):
        response = outsider.post(reverse(f"quality:{name}", args=[assessment.pk]), {})
        assert response.status_code == 404, name


# --- Reads are audited ---------------------------------------------------------------------------


def test_viewing_an_assessment_is_recorded_as_a_consultation(client_for):
    assessment = make_assessment()
    head = make_unit_head()
    client_for(head).get(reverse("quality:assessment", args=[assessment.pk]))
    event = AuditEvent.objects.filter(operation=Operation.CONSULTATION).latest("sequence")
    assert (event.actor_id, event.object_type, event.object_id) == (
        head.pk,
        "quality_assessment",
        str(assessment.pk),
    )


# --- Bad input -----------------------------------------------------------------------------------


def test_an_answer_outside_the_scale_gets_a_400_and_a_message(client_for):
    assessment = make_assessment()
    question = all_questions(assessment)[0]
    response = client_for(assessment.reviewer).post(
        reverse("quality:assessment-answers", args=[assessment.pk]),
        {f"q{question.pk}": "brilliant", "complete": "1"},
    )
    assert response.status_code == 400
    assert "Choose fully met, partially met, not met or not applicable" in response.text
    assert not assessment.answers.exists()


def test_completing_with_unanswered_questions_gets_a_400(client_for):
    assessment = make_assessment()
    question = all_questions(assessment)[0]
    response = client_for(assessment.reviewer).post(
        reverse("quality:assessment-answers", args=[assessment.pk]),
        {f"q{question.pk}": Rating.FULLY_MET, "complete": "1"},
    )
    assert response.status_code == 400
    assert "Answer this question before completing" in response.text


def test_sign_off_before_completion_gets_a_400_and_a_clear_message(client_for):
    assessment = make_assessment()
    response = client_for(make_unit_head()).post(
        reverse("quality:assessment-sign-off", args=[assessment.pk]), {"comment": ""}
    )
    assert response.status_code == 400
    assert "the reviewer has not completed it" in response.text
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.ASSIGNED


def _sample_post(reviewers, **overrides) -> dict:
    data = {
        **date_fields("period_start", date(2024, 1, 1)),
        **date_fields("period_end", date(2024, 3, 31)),
        **date_fields("due_date", soon()),
        "basis": "referral_date",
        "method": "count",
        "count": "2",
        "template": str(_template_pk()),
        "reviewers": [str(r.pk) for r in reviewers],
        "seed": "42",
    }
    data.update(overrides)
    return data


def _template_pk() -> int:
    from .factories import template

    return template().pk


def _draw_through_the_page(client, reviewers, **overrides) -> DipSample:
    overrides = {key: str(value) for key, value in overrides.items()}
    response = client.post(reverse("quality:sample-new"), _sample_post(reviewers, **overrides))
    assert response.status_code == 302, response.text
    return DipSample.objects.latest("id")


def test_a_sample_larger_than_the_population_gets_a_400_and_a_message(client_for):
    allocated_case()
    allocated_case()
    response = client_for(make_unit_head()).post(
        reverse("quality:sample-new"), _sample_post([reviewer()], count="5")
    )
    assert response.status_code == 400
    assert "cannot be larger than the population" in response.text
    assert "only 2" in response.text
    assert not DipSample.objects.exists()


def test_malformed_sample_input_gets_a_400(client_for):
    response = client_for(make_unit_head()).post(
        reverse("quality:sample-new"),
        _sample_post(
            [], method="rate", rate_percent="lots", seed="-3", **{"period_end-month": "13"}
        ),
    )
    assert response.status_code == 400
    for message in (
        "Enter the share as a number",
        "The seed must be 0 or more",
        "Choose at least one reviewer",
        "End of the period must be a real date",
    ):
        assert message in response.text


# --- The whole flow through the pages ------------------------------------------------------------


def test_sample_review_sign_off_and_the_dashboard_updates(client_for):
    for _ in range(4):
        allocated_case()
    head, who = make_unit_head(), reviewer()
    head_client, reviewer_client = client_for(head), client_for(who)
    sample = _draw_through_the_page(head_client, [who], count=2)
    assessment = sample.assessments.order_by("id").first()

    page = reviewer_client.get(reverse("quality:home"))
    assert assessment.case.urn_display in page.text

    questions = all_questions(assessment)
    answers = {f"q{q.pk}": Rating.FULLY_MET for q in questions}
    answers[f"q{questions[0].pk}"] = Rating.NOT_MET
    answers["complete"] = "1"
    response = reviewer_client.post(
        reverse("quality:assessment-answers", args=[assessment.pk]), answers
    )
    assert response.status_code == 302
    response = reviewer_client.post(
        reverse("quality:assessment-finding", args=[assessment.pk]),
        {"finding-text": "Advice was late", "finding-topics": [_topic_pk("EARLY-ADVICE")]},
    )
    assert response.status_code == 302

    dashboard = head_client.get(reverse("quality:dashboard"))
    assert dashboard.context["overall"]["assessments"] == 1
    assert dashboard.context["by_question"][0]["rate"] == 0  # IQA-1.1 not met

    response = head_client.post(
        reverse("quality:assessment-sign-off", args=[assessment.pk]), {"comment": "Agreed"}
    )
    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.SIGNED_OFF

    needs = head_client.get(reverse("quality:training-needs"))
    assert needs.context["by_area"][0]["topic_code"] == "EARLY-ADVICE"
    assert needs.context["by_area"][0]["findings"] == 1


def _topic_pk(code: str) -> int:
    from msht.quality.models import Topic

    return Topic.objects.get(code=code).pk


def test_the_dashboard_query_count_does_not_grow_with_assessments(
    client_for, django_assert_max_num_queries
):
    head = make_unit_head()
    client = client_for(head)

    def add(n):
        for _ in range(n):
            assessment = complete(make_assessment(head=head))
            assessment.due_date = date(2020, 1, 1)

    add(1)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("quality:dashboard"))
    add(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("quality:dashboard"))


def test_the_home_page_panel_lists_the_reviewers_open_reviews(client_for):
    assessment = make_assessment()
    page = client_for(assessment.reviewer).get("/")
    assert "Your quality reviews" in page.text
    assert assessment.case.urn_display in page.text
    done = complete(make_assessment())
    head_page = client_for(make_unit_head()).get("/")
    assert f"{done.case.urn_display}: ready for sign-off" in head_page.text
    assert "No quality reviews are waiting for you." in client_for(reviewer()).get("/").text
    assert "Your quality reviews" not in client_for(make_user_of(Role.PROSECUTOR)).get("/").text


def make_user_of(role):
    from tests.factories import UserFactory

    return UserFactory(role=role)


def test_an_assigned_reviewer_can_open_the_case_page_and_no_other(client_for):
    assessment = make_assessment()
    other = allocated_case()
    client = client_for(assessment.reviewer)
    assert client.get(reverse("cases:detail", args=[assessment.case_id])).status_code == 200
    assert client.get(reverse("cases:detail", args=[other.pk])).status_code == 404
