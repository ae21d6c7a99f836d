"""Factories for early advice: requests made through the services, as police make them."""

from datetime import date, timedelta

from msht.accounts.roles import Role
from msht.advice import services
from msht.reference.dates import today
from msht.reference.models import ExploitationType, PoliceForce
from tests.factories import UserFactory


def police_user(force_code: str = "01"):
    return UserFactory(
        role=Role.POLICE_PARTNER, police_force=PoliceForce.objects.get(code=force_code)
    )


def make_request(*, actor=None, force_code: str = "01", requested_on: date | None = None, **fields):
    actor = actor or police_user(force_code)
    values = {
        "operation_name": "Kestrel",
        "officer_name": "DS Ben Clarke",
        "officer_contact": "ben.clarke@police.example",
        "summary": "Workers housed at a car wash; wages withheld.",
        "exploitation_types": ExploitationType.objects.filter(code__in=["LABOUR"]),
        "suspect_count": 2,
        "victim_count": 5,
        "advice_sought": "Whether s1 or s2 offences are supported.",
        "urgency": "routine",
        "requested_by_date": today() + timedelta(days=14),
        "requested_on": requested_on,
    }
    values.update(fields)
    return services.advice_request_create(actor=actor, **values)


def unit_head(area_code: str = "LONDON-NORTH"):
    from tests.factories import area

    return UserFactory(role=Role.UNIT_HEAD, area=area(area_code))


def prosecutor(area_code: str = "LONDON-NORTH"):
    from tests.factories import area

    return UserFactory(role=Role.PROSECUTOR, area=area(area_code))
