"""Services: permission, audit, and quality training needs closed by completing the course."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.quality import services as quality_services
from msht.reference import dates
from msht.training import selectors, services
from msht.training.models import NeedClosure
from tests.factories import UserFactory
from tests.quality.factories import complete, make_assessment, topic, unit_head

from .factories import admin, course, person

pytestmark = pytest.mark.django_db


def finding_about(who, topic_code: str):
    head = unit_head()
    assessment = make_assessment(head=head)
    complete(assessment)
    return quality_services.finding_add(
        actor=head,
        assessment=assessment,
        text="Section 45 not considered at charge",
        topics=[topic(topic_code)],
        person=who,
    )


def test_only_the_training_administrator_records_completions():
    who = person()
    for role in (Role.NATIONAL_LEAD, Role.UNIT_HEAD, Role.PROSECUTOR):
        with pytest.raises(ValidationError):
            services.completion_record(
                actor=UserFactory(role=role),
                person=who,
                course=course(),
                completed_on=date(2024, 1, 1),
            )
    with pytest.raises(ValidationError):
        services.completion_record(
            actor=None, person=who, course=course(), completed_on=date(2024, 1, 1)
        )


def test_a_completion_is_audited_as_a_collection():
    boss = admin()
    done = services.completion_record(
        actor=boss, person=person(), course=course(), completed_on=date(2024, 1, 1)
    )
    event = AuditEvent.objects.get(object_type="training_completion", object_id=str(done.pk))
    assert (event.operation, event.actor_id) == (Operation.COLLECTION, boss.pk)


def test_completing_the_mapped_course_closes_the_training_need():
    who = person()
    need = finding_about(who, "S45")  # S45 is covered by the awareness and mandatory courses
    other = finding_about(who, "INTERNATIONAL")  # covered by the JIT course only
    today = dates.today()
    services.completion_record(
        actor=admin(), person=who, course=course("MSHT-AWARENESS"), completed_on=today
    )
    closure = NeedClosure.objects.get()
    assert (closure.finding_id, closure.topic.code, closure.closed_on) == (need.pk, "S45", today)
    needs = {n["topic"]: n for n in selectors.training_needs_of(who)}
    assert needs[topic("S45").name]["closed_by"] == course("MSHT-AWARENESS").title
    assert needs[topic("INTERNATIONAL").name]["closed_on"] is None
    # Completing another course that covers S45 closes nothing more: the need is closed once.
    services.completion_record(
        actor=admin(), person=who, course=course("MSHT-MANDATORY"), completed_on=today
    )
    assert NeedClosure.objects.count() == 1
    assert other.pk not in NeedClosure.objects.values_list("finding_id", flat=True)


def test_a_completion_before_the_finding_does_not_close_it():
    who = person()
    finding_about(who, "S45")
    services.completion_record(
        actor=admin(),
        person=who,
        course=course("MSHT-AWARENESS"),
        completed_on=dates.today() - timedelta(days=400),
    )
    assert not NeedClosure.objects.exists()


def test_an_imported_completion_closes_needs_too(tmp_path):
    from msht.interchange.services import import_file

    who = person(email="ann@example.test")
    finding_about(who, "S45")
    path = tmp_path / "c.csv"
    path.write_text(
        f"Email,Course code,Completed on\nann@example.test,MSHT-AWARENESS,{dates.today()}\n"
    )
    batch = import_file(actor=admin(), kind="training-completions", path=path)
    assert batch.rows_created == 1, batch.errors
    assert NeedClosure.objects.count() == 1
