"""Quality services: sampling against the database, assessments, sign-off, templates, scope."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from msht.audit.models import AuditEvent, Operation
from msht.cases.selectors import cases_visible_to
from msht.quality import selectors, services
from msht.quality.models import Answer, Assessment, AssessmentStatus, DipSample, Rating
from msht.reference.models import Area

from .factories import (
    all_questions,
    allocated_case,
    complete,
    make_assessment,
    reviewer,
    soon,
    template,
    topic,
    unit_head,
)

pytestmark = pytest.mark.django_db

LONDON_NORTH = "LONDON-NORTH"


def london_north() -> Area:
    return Area.objects.get(code=LONDON_NORTH)


def population(n_ccu: int = 6, n_crown: int = 4, *, day: date = date(2024, 2, 1)):
    cases = [allocated_case(unit="CCU", referral_date=day) for _ in range(n_ccu)]
    cases += [
        allocated_case(unit="CROWN", referral_date=day, exploitation_codes=["SEXUAL"])
        for _ in range(n_crown)
    ]
    return cases


def draw(head, reviewers, **overrides):
    arguments = {
        "actor": head,
        "area": london_north(),
        "period_start": date(2024, 1, 1),
        "period_end": date(2024, 3, 31),
        "template": template(),
        "reviewers": reviewers,
        "due_date": soon(),
        "method": "rate",
        "rate_percent": Decimal(50),
        "seed": 12345,
    }
    arguments.update(overrides)
    return services.dip_sample_draw(**arguments)


# --- Scope hook --------------------------------------------------------------------------------


def test_a_reviewer_sees_exactly_the_cases_assigned_to_them():
    assigned, other = allocated_case(), allocated_case()
    who, someone_else = reviewer(), reviewer()
    make_assessment(case=assigned, who=who)
    make_assessment(case=other, who=someone_else)
    assert list(cases_visible_to(who)) == [assigned]
    assert list(cases_visible_to(someone_else)) == [other]
    assert list(cases_visible_to(reviewer())) == []


def test_two_assessments_on_one_case_do_not_duplicate_it_for_the_reviewer():
    case, who = allocated_case(), reviewer()
    make_assessment(case=case, who=who)
    make_assessment(case=case, who=who, code="CMP")
    assert cases_visible_to(who).count() == 1
    assert selectors.assessments_visible_to(who).count() == 2


def test_a_reviewer_does_not_see_another_reviewers_assessment_on_the_same_case():
    case, mine, theirs = allocated_case(), reviewer(), reviewer()
    own = make_assessment(case=case, who=mine)
    make_assessment(case=case, who=theirs, code="DGR")
    assert list(selectors.assessments_visible_to(mine)) == [own]


# --- Dip sampling -------------------------------------------------------------------------------


def test_a_sample_is_stratified_assigned_round_robin_and_audited():
    population()
    head, first, second = unit_head(), reviewer(), reviewer()
    sample = draw(head, [first, second])
    assert sample.population_size == 10
    assert sample.strata == {
        "CCU/LABOUR": {"population": 6, "drawn": 3},
        "CROWN/SEXUAL": {"population": 4, "drawn": 2},
    }
    assessments = list(sample.assessments.order_by("id"))
    assert len(assessments) == 5
    assert [a.reviewer for a in assessments] == [first, second, first, second, first]
    assert {a.status for a in assessments} == {AssessmentStatus.ASSIGNED}
    event = AuditEvent.objects.get(object_type="dip_sample", object_id=str(sample.pk))
    assert event.operation == Operation.COLLECTION
    assert sorted(event.detail["assessment_ids"]) == [a.pk for a in assessments]


def test_the_same_seed_gives_the_same_sample():
    population()
    head, who = unit_head(), reviewer()
    sample = draw(head, [who], seed=777)
    drawn = sorted(sample.assessments.values_list("case_id", flat=True))
    assert sorted(services.dip_sample_redraw(head, sample)) == drawn
    again = draw(head, [who], seed=777)
    assert sorted(again.assessments.values_list("case_id", flat=True)) == drawn
    other_seeds = {
        tuple(sorted(draw(head, [who], seed=seed).assessments.values_list("case_id", flat=True)))
        for seed in range(1, 6)
    }
    assert len(other_seeds) > 1


def test_a_count_sample_draws_that_many_distinct_cases():
    population()
    sample = draw(unit_head(), [reviewer()], method="count", count=10, rate_percent=None)
    case_ids = list(sample.assessments.values_list("case_id", flat=True))
    assert len(case_ids) == len(set(case_ids)) == 10


def test_a_sample_larger_than_the_population_is_refused_and_writes_nothing():
    population(2, 1)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        draw(unit_head(), [reviewer()], method="count", count=4, rate_percent=None)
    assert "cannot be larger than the population" in str(error.value.message_dict["count"])
    assert "only 3" in str(error.value.message_dict["count"])
    assert DipSample.objects.count() == 0 and Assessment.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_cases_outside_the_period_or_area_are_not_in_the_population():
    population(3, 0)
    allocated_case(referral_date=date(2023, 12, 31))
    allocated_case(force="20")  # West Midlands Police: another Area
    sample = draw(unit_head(), [reviewer()], rate_percent=Decimal(100))
    assert sample.population_size == 3


def test_an_empty_period_is_refused():
    with pytest.raises(ValidationError, match="no cases to sample"):
        draw(unit_head(), [reviewer()])


def test_a_unit_head_cannot_sample_another_area():
    population()
    head = unit_head(area="WEST-MIDLANDS")
    with pytest.raises(ValidationError, match="your own Area"):
        draw(head, [reviewer()])


def test_only_reviewers_who_can_see_the_area_are_accepted():
    population()
    outsider = unit_head(area="WEST-MIDLANDS")
    with pytest.raises(ValidationError, match="cannot review cases in this Area"):
        draw(unit_head(), [outsider])


def test_bad_period_and_due_date_are_refused():
    population()
    with pytest.raises(ValidationError) as error:
        draw(
            unit_head(),
            [reviewer()],
            period_start=date(2024, 4, 1),
            due_date=timezone.localdate() - timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"period_end", "due_date"}


def test_the_database_refuses_a_case_twice_in_one_sample():
    from django.db import IntegrityError, transaction

    population(2, 0)
    sample = draw(unit_head(), [reviewer()], rate_percent=Decimal(100))
    existing = sample.assessments.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            case=existing.case,
            template_version=existing.template_version,
            sample=sample,
            reviewer=existing.reviewer,
            due_date=existing.due_date,
        )


# --- Answers, score, sign-off -------------------------------------------------------------------


def test_answers_outside_the_scale_are_refused():
    assessment = make_assessment()
    question = all_questions(assessment)[0]
    with pytest.raises(ValidationError) as error:
        services.assessment_answers_save(
            actor=assessment.reviewer,
            assessment=assessment,
            answers={question.pk: ("excellent", "")},
        )
    assert "Choose fully met, partially met, not met or not applicable" in str(error.value)
    assert not Answer.objects.exists()


def test_a_question_from_another_template_is_refused():
    assessment = make_assessment()
    foreign = all_questions(make_assessment(code="DGR"))[0]
    with pytest.raises(ValidationError, match="not part of this assessment"):
        services.assessment_answers_save(
            actor=assessment.reviewer,
            assessment=assessment,
            answers={foreign.pk: (Rating.FULLY_MET, "")},
        )


def test_only_the_assigned_reviewer_may_answer():
    assessment = make_assessment()
    question = all_questions(assessment)[0]
    with pytest.raises(ValidationError, match="Only the reviewer assigned"):
        services.assessment_answers_save(
            actor=reviewer(), assessment=assessment, answers={question.pk: (Rating.NOT_MET, "")}
        )


def test_completing_needs_every_question_answered():
    assessment = make_assessment()
    first = all_questions(assessment)[0]
    with pytest.raises(ValidationError) as error:
        services.assessment_answers_save(
            actor=assessment.reviewer,
            assessment=assessment,
            answers={first.pk: (Rating.FULLY_MET, "")},
            complete=True,
        )
    assert len(error.value.message_dict) == len(all_questions(assessment)) - 1
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.ASSIGNED
    assert not Answer.objects.exists()  # all or nothing


def test_the_score_is_weighted_and_leaves_out_not_applicable():
    assessment = make_assessment()
    # IQA weights: 1.1=2, 1.2=2, 1.3=1, 2.1=3, 2.2=3, 3.1=3, 3.2=1, 3.3=2, 4.1=2, 4.2=1 (20).
    done = complete(
        assessment,
        ratings={
            "IQA-2.2": Rating.NOT_MET,
            "IQA-3.1": Rating.PARTIALLY_MET,
            "IQA-4.2": Rating.NOT_APPLICABLE,
        },
    )
    # possible = 2 * (20 - 1) = 38; points = 38 - 2*3 (not met) - 3 (partially) = 29.
    assert done.score == Decimal("76.3")
    assert done.status == AssessmentStatus.COMPLETED and done.completed_at


def test_sign_off_before_completion_is_refused_with_a_clear_message():
    assessment = make_assessment()
    head = unit_head()
    with pytest.raises(ValidationError) as error:
        services.assessment_sign_off(actor=head, assessment=assessment)
    assert "the reviewer has not completed it" in error.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.ASSIGNED


def test_sign_off_after_completion_and_not_by_the_reviewer():
    head_reviewer = unit_head()
    assessment = complete(make_assessment(who=head_reviewer))
    with pytest.raises(ValidationError, match="Someone other than the reviewer"):
        services.assessment_sign_off(actor=head_reviewer, assessment=assessment)
    with pytest.raises(ValidationError, match="unit head for the case's Area"):
        services.assessment_sign_off(actor=unit_head(area="WEST-MIDLANDS"), assessment=assessment)
    signer = unit_head()
    done = services.assessment_sign_off(actor=signer, assessment=assessment, comment="Agreed")
    assert done.status == AssessmentStatus.SIGNED_OFF and done.signed_off_by == signer
    with pytest.raises(ValidationError, match="already been signed off"):
        services.assessment_sign_off(actor=signer, assessment=assessment)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        complete(assessment)


def test_every_write_and_read_is_audited():
    assessment = make_assessment()
    complete(assessment)
    services.finding_add(
        actor=assessment.reviewer,
        assessment=assessment,
        text="s45 not considered",
        topics=[topic("S45")],
    )
    services.assessment_view_record(actor=assessment.reviewer, assessment=assessment)
    events = AuditEvent.objects.filter(
        object_type="quality_assessment", object_id=str(assessment.pk)
    ).order_by("sequence")
    assert [(e.operation, e.detail.get("action")) for e in events] == [
        (Operation.COLLECTION, None),
        (Operation.ALTERATION, "completed"),
        (Operation.ALTERATION, "finding added"),
        (Operation.CONSULTATION, None),
    ]
    assert all("s45 not considered" not in str(e.detail) for e in events)


def test_findings_need_a_topic_and_actions_an_owner_and_date():
    assessment = make_assessment()
    with pytest.raises(ValidationError) as error:
        services.finding_add(actor=assessment.reviewer, assessment=assessment, text="", topics=[])
    assert set(error.value.message_dict) == {"text", "topics"}
    with pytest.raises(ValidationError) as error:
        services.action_add(
            actor=assessment.reviewer,
            assessment=assessment,
            description="x",
            owner=None,
            due_date=None,
        )
    assert set(error.value.message_dict) == {"owner", "due_date"}


def test_the_case_lawyer_cannot_review_their_own_case():
    head = unit_head()
    case = allocated_case()
    from msht.cases import services as case_services

    lawyer = unit_head()
    case = case_services.case_allocate(
        actor=head, case=case, expected_version=None, unit=case.unit, lawyer=lawyer, reason="x"
    )
    with pytest.raises(ValidationError, match="own lawyer"):
        services.assessment_create(
            actor=head, case=case, template=template(), reviewer=lawyer, due_date=soon()
        )


# --- Templates are versioned ---------------------------------------------------------------------


def test_template_edits_leave_past_results_intact():
    iqa = template()
    past = complete(make_assessment(), rating=Rating.NOT_MET, ratings={"IQA-1.1": Rating.FULLY_MET})
    past_score, past_version = past.score, past.template_version
    past_questions = [(q.pk, q.text, q.weight) for q in all_questions(past)]

    spec = services.template_spec(iqa.current_version)
    spec[0]["questions"][0]["weight"] = 10
    spec[0]["questions"][0]["text"] = "Early advice was given within 28 days of the request"
    spec.append(
        {
            "code": "IQA-5",
            "title": "Resilience",
            "guidance": "",
            "questions": [
                {
                    "code": "IQA-5.1",
                    "text": "A deputy knows the case",
                    "weight": 1,
                    "topic": "CASE-STRATEGY",
                }
            ],
        }
    )
    new_version = services.template_revise(
        actor=unit_head(), template=iqa, standards=spec, change_note="Timeliness of early advice"
    )
    assert new_version.number == past_version.number + 1

    past.refresh_from_db()
    assert past.template_version == past_version
    assert past.score == past_score
    assert [(q.pk, q.text, q.weight) for q in all_questions(past)] == past_questions
    assert past.answers.count() == len(past_questions)

    fresh = make_assessment()
    assert fresh.template_version == new_version
    assert len(all_questions(fresh)) == len(past_questions) + 1
    # Dashboards group by standard code across versions.
    rows = selectors.compliance_by(unit_head(), "standard", selectors.DashboardFilters())
    assert [row["key"] for row in rows] == ["IQA-1", "IQA-2", "IQA-3", "IQA-4"]


def test_a_revision_with_bad_content_is_refused():
    with pytest.raises(ValidationError) as error:
        services.template_revise(
            actor=None,
            template=template(),
            change_note="",
            standards=[
                {
                    "code": "X",
                    "title": "X",
                    "questions": [{"code": "X.1", "text": "?", "weight": 0}],
                }
            ],
        )
    assert set(error.value.message_dict) == {"change_note", "standards"}
