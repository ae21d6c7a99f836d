"""Pages: the role x page access matrix, forms with GOV.UK messages, conflicts, audit, and
query counts that do not grow with the number of people or courses."""

from datetime import date, timedelta

import pytest

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.training.models import Completion, Course, Requirement
from tests.access import assert_access_matrix

from .factories import admin, completed, course, person

pytestmark = pytest.mark.django_db

VIEWERS = {Role.TRAINING_ADMIN, Role.NATIONAL_LEAD, Role.UNIT_HEAD}
MANAGERS = {Role.TRAINING_ADMIN}


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/training/", VIEWERS),
        ("/training/people/", VIEWERS),
        ("/training/people/?status=overdue", VIEWERS),
        ("/training/courses/", VIEWERS),
        ("/training/requirements/", VIEWERS),
        ("/training/mine/", set(Role.values)),
        ("/training/courses/new/", MANAGERS),
        ("/training/requirements/new/", MANAGERS),
        ("/training/completions/", MANAGERS),
        ("/training/completions/new/", MANAGERS),
    ],
)
def test_access_matrix_for_every_page(client_for, user_for_role, path, allowed):
    assert_access_matrix(client_for, user_for_role, path, allowed=allowed)


def test_access_matrix_for_record_pages(client_for, user_for_role):
    awareness = course()
    requirement = Requirement.objects.filter(course=awareness).first()
    assert_access_matrix(
        client_for, user_for_role, f"/training/courses/{awareness.pk}/", allowed=VIEWERS
    )
    assert_access_matrix(
        client_for, user_for_role, f"/training/courses/{awareness.pk}/edit/", allowed=MANAGERS
    )
    assert_access_matrix(
        client_for,
        user_for_role,
        f"/training/requirements/{requirement.pk}/edit/",
        allowed=MANAGERS,
    )
    for path in (
        "/training/courses/999999/",
        "/training/courses/999999/edit/",
        "/training/requirements/999999/edit/",
        "/training/people/999999/",
    ):
        assert client_for(admin()).get(path).status_code == 404


def test_a_person_page_in_scope_out_of_scope_and_missing(client_for, user_for_role):
    in_area = person(area="LONDON-NORTH")
    elsewhere = person(area="WESSEX")
    head = user_for_role(Role.UNIT_HEAD)  # London North
    assert client_for(head).get(f"/training/people/{in_area.pk}/").status_code == 200
    assert client_for(head).get(f"/training/people/{elsewhere.pk}/").status_code == 404
    lead = user_for_role(Role.NATIONAL_LEAD)
    assert client_for(lead).get(f"/training/people/{elsewhere.pk}/").status_code == 200
    assert_access_matrix(
        client_for, user_for_role, f"/training/people/{in_area.pk}/", allowed=VIEWERS
    )
    assert_access_matrix(
        client_for,
        user_for_role,
        f"/training/people/{elsewhere.pk}/",
        allowed={Role.TRAINING_ADMIN, Role.NATIONAL_LEAD},
    )


def test_the_drill_down_lists_people_and_records_the_consultation(client_for):
    late = person(full_name="Olive Overdue", since=date(2020, 1, 1))
    boss = admin()
    response = client_for(boss).get("/training/people/?status=overdue&area=LONDON-NORTH")
    assert response.status_code == 200
    assert "Olive Overdue" in response.content.decode()
    event = AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="training_person_list"
    ).latest("sequence")
    assert late.pk in event.detail["person_ids"]
    assert event.detail["filters"] == {"area": "LONDON-NORTH", "status": "overdue"}


def test_bad_filters_are_a_400_with_a_message_not_a_500(client_for):
    client = client_for(admin())
    response = client.get("/training/people/?status=nonsense&area=NOWHERE")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a status from the list" in page and "Choose a area from the list" not in page
    assert "Choose an Area from the list" in page
    assert client.get("/training/people/?area=%00x").status_code == 400


def test_a_unit_head_is_not_offered_an_area_filter(client_for, user_for_role):
    page = client_for(user_for_role(Role.UNIT_HEAD)).get("/training/").content.decode()
    assert 'name="area"' not in page
    assert 'name="area"' in client_for(admin()).get("/training/").content.decode()


def test_record_a_completion_with_gov_uk_messages(client_for):
    who = person(email="priya@example.test")
    client = client_for(admin())
    response = client.post("/training/completions/new/", {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the email address of the person who completed the course" in page
    assert "Choose the course" in page
    assert "Enter the date the course was completed" in page
    tomorrow = date.today() + timedelta(days=1)
    form = {
        "email": "nobody@example.test",
        "course": course().pk,
        "completed_on-day": tomorrow.day,
        "completed_on-month": tomorrow.month,
        "completed_on-year": tomorrow.year,
    }
    page = client.post("/training/completions/new/", form).content.decode()
    assert "Date completed must be today or in the past" in page
    form.update({"completed_on-day": 3, "completed_on-month": 3, "completed_on-year": 2024})
    page = client.post("/training/completions/new/", form).content.decode()
    assert "Enter the email address of a person with an account in the service" in page
    form["email"] = "PRIYA@example.test"
    response = client.post("/training/completions/new/", form)
    assert response.status_code == 302
    assert Completion.objects.get(person=who).completed_on == date(2024, 3, 3)
    page = client.post("/training/completions/new/", form).content.decode()
    assert "This completion is already recorded" in page
    assert Completion.objects.filter(person=who).count() == 1


def test_add_and_change_a_course_with_a_stale_form_refused(client_for):
    client = client_for(admin())
    response = client.post("/training/courses/new/", {"title": ""})
    page = response.content.decode()
    assert "Enter the course title" in page and "Choose the kind of course" in page
    form = {
        "title": "Working with interpreters",
        "code": "msht-interp",
        "provider": "CPS Prosecution College",
        "kind": "classroom",
        "duration_minutes": "120",
        "refresh_months": "",
        "description": "",
        "enabled": "yes",
    }
    assert client.post("/training/courses/new/", form).status_code == 302
    new = Course.objects.get(code="MSHT-INTERP")
    form["code"] = "MSHT-AWARENESS"
    page = client.post("/training/courses/new/", form).content.decode()
    assert "Another course already has this code" in page
    form.update({"code": "MSHT-INTERP", "version": new.version, "title": "Interpreters"})
    assert client.post(f"/training/courses/{new.pk}/edit/", form).status_code == 302
    form["title"] = "Stale title"  # the same version again: someone else saved first
    response = client.post(f"/training/courses/{new.pk}/edit/", form)
    assert response.status_code == 400
    assert "Someone else saved changes to this course" in response.content.decode()
    new.refresh_from_db()
    assert (new.title, new.version) == ("Interpreters", 2)


def test_add_and_disable_a_requirement(client_for):
    client = client_for(admin())
    jit = course("MSHT-JIT")
    form = {
        "course": jit.pk,
        "for_role": Role.PARALEGAL,
        "unit": "",
        "level": "awareness",
        "refresh_months": "",
        "due_within_days": "60",
        "enabled": "yes",
    }
    assert client.post("/training/requirements/new/", form).status_code == 302
    requirement = Requirement.objects.get(course=jit, for_role=Role.PARALEGAL)
    form.update({"version": requirement.version, "enabled": "no"})
    assert client.post(f"/training/requirements/{requirement.pk}/edit/", form).status_code == 302
    requirement.refresh_from_db()
    assert requirement.disabled_on is not None
    bad = dict(form, due_within_days="many", level="")
    page = client.post("/training/requirements/new/", bad).content.decode()
    assert "Days a newcomer has must be a whole number, like 90" in page
    assert "Choose whether the course is mandatory, awareness or recommended" in page


@pytest.mark.parametrize("path", ["/training/", "/training/people/?status=required"])
def test_query_counts_do_not_grow_with_people_or_courses(
    client_for, django_assert_max_num_queries, path
):
    boss = admin()
    client = client_for(boss)
    for _ in range(3):
        completed(person(), "MSHT-AWARENESS", date(2024, 5, 1), actor=boss)
    with django_assert_max_num_queries(40) as few:
        client.get(path)
    for index in range(30):
        who = person(unit="MAGS" if index % 2 else "CCU")
        completed(who, "MSHT-AWARENESS", date(2024, 5, 1), actor=boss)
    for index in range(5):
        Course.objects.create(
            code=f"EXTRA-{index}",
            title=f"Extra {index}",
            provider="P",
            kind="e_learning",
            duration_minutes=30,
        ).requirements.create(level="awareness")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(path)
