"""Demo early advice: requests from several forces in every state, advice given, police returns
imported through the import machinery, a partner API key per force and a joint pack built and
shared. Idempotent: skipped when requests exist."""

import csv
import tempfile
from datetime import date, timedelta
from pathlib import Path

from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.reference.dates import add_working_days, today
from msht.reference.models import ExploitationType, PoliceForce, Unit

from . import services
from .models import AdviceRequest

FORCES = ["01", "48", "20", "13", "44"]
OPERATIONS = [
    ("Kestrel", ["LABOUR"], 2, 6),
    ("Harrier", ["SEXUAL"], 1, 3),
    ("Osprey", ["CRIMINAL"], 4, 2),
    ("Merlin", ["LABOUR", "DOMESTIC"], 1, 1),
    ("Peregrine", ["SEXUAL", "CRIMINAL"], 3, 4),
    ("Goshawk", ["LABOUR"], 2, 9),
]


def _month_back(first: date, back: int) -> date:
    year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
    return date(year, month + 1, 1)


def _police_returns(stdout) -> None:
    from msht.interchange.services import import_file

    first = today().replace(day=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "police_returns_demo.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "Police force",
                    "Month",
                    "MSHT crimes recorded",
                    "Investigations opened",
                    "Referrals to CPS",
                ]  # fmt: skip
            )
            for index, code in enumerate(FORCES):
                for back in range(1, 37):
                    month = _month_back(first, back)
                    crimes = 20 + (index * 7 + back * 3) % 25
                    writer.writerow(
                        [code, f"{month:%Y-%m}", crimes, crimes // 2, 2 + (back + index) % 5]
                    )
        batch = import_file(actor=None, kind="police-returns", path=path)
    stdout.write(f"  Police returns: {batch.get_status_display().lower()}, "
                 f"{batch.rows_created} created\n")  # fmt: skip


def load_demo_advice(stdout) -> None:
    if AdviceRequest.objects.exists():
        stdout.write("Demo early advice already loaded.\n")
        return
    admin = User.objects.filter(role=Role.SYSTEM_ADMIN).order_by("pk").first()
    unit_head = User.objects.filter(email="unit-head@demo.msht.test").first()
    national = User.objects.filter(role=Role.NATIONAL_LEAD).order_by("pk").first()
    lawyer = User.objects.filter(email="prosecutor@demo.msht.test").first()
    if not (admin and unit_head and national and lawyer):
        stdout.write("Demo users missing; early advice skipped.\n")
        return
    _police_returns(stdout)
    start = today()
    actors = {}
    for code in FORCES:
        key, _token = services.api_key_create(
            actor=admin,
            police_force=PoliceForce.objects.get(code=code),
            name="Demo records system",
            expires_on=start + timedelta(days=300),
        )
        actors[code] = services.KeyActor(key)
    made = 0
    for index, code in enumerate(FORCES):
        for number, (name, types, suspects, victims) in enumerate(OPERATIONS):
            requested_on = add_working_days(start, -(40 - number * 6 - index))
            item = services.advice_request_create(
                actor=actors[code],
                operation_name=f"{name} {index + 1}",
                officer_name=f"DS {['Clarke', 'Morgan', 'Singh', 'Walsh', 'Hughes'][index]}",
                officer_contact=f"eia.{code}@police.example",
                summary="Suspected exploitation reported by a support organisation; "
                "premises identified; financial enquiries under way.",
                exploitation_types=ExploitationType.objects.filter(code__in=types),
                suspect_count=suspects,
                victim_count=victims,
                advice_sought="Lines of enquiry to evidence control and exploitation; "
                "whether section 1 or section 2 offences are supported.",
                urgency=["routine", "urgent", "routine", "immediate", "routine", "urgent"][number],
                requested_by_date=start + timedelta(days=14),
                api_key=actors[code].key,
                requested_on=requested_on,
            )
            made += 1
            _triage(item, number, index, unit_head, national, lawyer, start)
    stdout.write(f"  Early advice: {made} requests from {len(FORCES)} forces\n")
    _joint_pack(unit_head, stdout)


def _triage(item, number, index, unit_head, national, lawyer, start) -> None:
    london = item.police_force.code in ("01", "48")
    triager = unit_head if london else national
    triaged_on = add_working_days(item.requested_on, 1 + number % 3 + index % 2)
    if number in (4, 5) and not london:
        return  # waiting for triage
    if number == 5:
        return
    if number == 3 or not london:
        services.advice_request_decline(
            actor=triager,
            request=item,
            expected_version=item.version,
            reasons={"material_missing": "The MG3 and the ABE plan", "too_early": ""}
            if number == 3
            else {"other_area": "The offending is centred in another Area"},
            police_respond_by=start + timedelta(days=21),
            triaged_on=triaged_on,
        )
        return
    unit = item.recommended_unit or Unit.objects.get(code="CCU")
    item = services.advice_request_accept(
        actor=triager,
        request=item,
        expected_version=item.version,
        unit=unit,
        lawyer=lawyer,
        triaged_on=triaged_on,
    )
    if number == 4:
        return  # accepted, advice not yet given
    given_on = add_working_days(triaged_on, 3 + number)
    services.advice_give(
        actor=lawyer,
        request=item,
        expected_version=item.version,
        given_on=min(given_on, start),
        summary="Obtain the bank records of the suspects' accounts and the victims' wage slips; "
        "consider an s1 offence; interview under caution once the financial material is in.",
        action_items=[
            ("Production order for the suspects' bank accounts", start + timedelta(days=14)),
            ("Trafficking indicators screened for each potential victim", start + timedelta(7)),
        ],
    )


def _joint_pack(unit_head, stdout) -> None:
    month = _month_back(today().replace(day=1), 1)
    pack = services.joint_pack_request(
        actor=unit_head, police_force=PoliceForce.objects.get(code="01"), month=month
    )
    pack = services.joint_pack_build(pack=pack)
    services.joint_pack_share(actor=unit_head, pack=pack)
    stdout.write(f"  Joint pack for the Metropolitan Police, {month:%B %Y}: built and shared\n")
