"""The Area's "needs attention" list: interpreters, special measures, engagement."""

from datetime import timedelta

import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.victims import services
from msht.victims.home import attention_panel
from msht.victims.selectors import needs_attention
from tests.cases.factories import make_case

from .factories import make_victim, today

pytestmark = pytest.mark.django_db


def kinds(user, **kwargs) -> list[str]:
    return [item.kind for item in needs_attention(user, **kwargs)]


def request_interpreter(victim, needed_in_days: int):
    return services.interpreter_request(
        actor=None,
        victim=victim,
        kind="interpreter",
        language="sqi",
        purpose="trial",
        requested_on=today() - timedelta(days=1),
        needed_by=today() + timedelta(days=needed_in_days),
    )


def test_booking_the_interpreter_takes_it_off_the_list(user_for_role, client_for):
    prosecutor = user_for_role(Role.PROSECUTOR)
    case = make_case(area_code="LONDON-NORTH")
    victim = make_victim(case=case)
    soon = request_interpreter(victim, 10)
    request_interpreter(victim, 40)  # outside the 14-day window
    items = needs_attention(prosecutor)
    assert [i.kind for i in items] == ["interpreter"]
    assert items[0].href == reverse("victims:case", args=[case.pk])
    assert "needed in 10 days" in items[0].text
    page = client_for(prosecutor).get(reverse("victims:attention"))
    assert "Albanian interpreter for the trial not booked" in page.content.decode()

    services.interpreter_book(actor=prosecutor, booking=soon, booked_on=today())
    assert kinds(prosecutor) == []
    page = client_for(prosecutor).get(reverse("victims:attention"))
    assert "Albanian interpreter for the trial not booked" not in page.content.decode()


def test_window_is_a_setting(settings, user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(case=make_case(area_code="LONDON-NORTH"))
    request_interpreter(victim, 20)
    assert kinds(prosecutor) == []
    settings.VICTIMS_INTERPRETER_BOOKING_DAYS = 21
    assert kinds(prosecutor) == ["interpreter"]


def test_overdue_and_settled_bookings(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(case=make_case(area_code="LONDON-NORTH"))
    past = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="intermediary",
        purpose="interview",
        requested_on=today() - timedelta(days=10),
        needed_by=today() - timedelta(days=2),
    )
    assert "was needed 2 days ago" in needs_attention(prosecutor)[0].text
    services.interpreter_outcome_record(
        actor=None, booking=past, outcome="not_provided", effect="adjourned"
    )
    assert kinds(prosecutor) == []


def test_special_measures_undecided_before_trial(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(case=make_case(area_code="LONDON-NORTH"))
    application = services.special_measure_apply(
        actor=None, victim=victim, measure="live_link", applied_on=today()
    )
    assert kinds(prosecutor) == []  # no trial date known yet
    services.victim_trial_date_record(
        actor=None, victim=victim, trial_date=today() + timedelta(days=50)
    )
    assert kinds(prosecutor) == ["special_measures"]
    services.special_measure_decide(
        actor=None, application=application, status="granted", decided_on=today()
    )
    assert kinds(prosecutor) == []


def test_engagement_at_risk_follows_the_latest_status(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(case=make_case(area_code="LONDON-NORTH"))
    services.engagement_record(
        actor=None, victim=victim, status="engaged", occurred_on=today() - timedelta(days=9)
    )
    assert kinds(prosecutor) == []
    services.engagement_record(
        actor=None,
        victim=victim,
        status="withdrawn",
        occurred_on=today() - timedelta(days=3),
        reason="fear",
    )
    assert kinds(prosecutor) == ["engagement"]
    services.engagement_record(
        actor=None, victim=victim, status="engaged", occurred_on=today(), reason="supported"
    )
    assert kinds(prosecutor) == []


def test_scope_and_area_filter(user_for_role):
    north = make_victim(case=make_case(area_code="LONDON-NORTH"))
    south = make_victim(case=make_case(area_code="LONDON-SOUTH"))
    for victim in (north, south):
        request_interpreter(victim, 3)
    assert len(needs_attention(user_for_role(Role.PROSECUTOR))) == 1
    national = user_for_role(Role.NATIONAL_LEAD)
    assert len(needs_attention(national)) == 2
    assert len(needs_attention(national, area_code="LONDON-SOUTH")) == 1
    assert needs_attention(user_for_role(Role.HUB_EDITOR)) == []


def test_home_panel(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    request_interpreter(make_victim(case=make_case(area_code="LONDON-NORTH")), 3)
    panel = attention_panel(prosecutor)
    assert panel["title"] == "Victims needing attention" and len(panel["items"]) == 1
    assert attention_panel(user_for_role(Role.NATIONAL_LEAD)) is None


def test_query_count_does_not_grow_with_the_list(
    user_for_role, client_for, django_assert_max_num_queries
):
    prosecutor = user_for_role(Role.PROSECUTOR)
    client = client_for(prosecutor)

    def add_items():
        victim = make_victim(case=make_case(area_code="LONDON-NORTH"))
        request_interpreter(victim, 3)
        services.special_measure_apply(
            actor=None, victim=victim, measure="screens", applied_on=today()
        )
        services.victim_trial_date_record(
            actor=None, victim=victim, trial_date=today() + timedelta(days=9)
        )
        services.engagement_record(
            actor=None, victim=victim, status="wavering", occurred_on=today(), reason="delay"
        )

    add_items()
    client.get(reverse("victims:attention"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("victims:attention"))
    for _ in range(5):
        add_items()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("victims:attention"))
    assert response.content.decode().count("/victims/case/") == 18


def test_case_tab_query_count_does_not_grow(
    user_for_role, client_for, django_assert_max_num_queries
):
    from .factories import make_full_victim

    case = make_case(area_code="LONDON-NORTH")
    make_full_victim(case=case)
    client = client_for(user_for_role(Role.PROSECUTOR))
    url = reverse("victims:case", args=[case.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        make_full_victim(case=case)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="govuk-summary-card"') == 5
