"""`msht demo`: leads and deputies for every Area (with gaps the flags show), legal enquiries in
several states, governance meetings with actions (some overdue). Idempotent: each part is
skipped when it is already there.

Area leads and deputies beyond the demo accounts are fictional people with accounts that cannot
sign in (no password); they exist so the register names someone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from msht.accounts import services as account_services
from msht.accounts.demo import DEMO_DOMAIN
from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.hub.models import LegalIssue
from msht.quality.models import DipSample
from msht.reference import dates
from msht.reference.models import Area, Unit

from . import services
from .models import (
    TARGET_WORKING_DAYS,
    Body,
    Holding,
    LegalEnquiry,
    Meeting,
    Post,
    PostKind,
    Strand,
    Urgency,
)

PEOPLE_DOMAIN = "people.demo.msht.test"
DEMO_NOTE = "Demo data"

# Area code -> (lead name, deputy name); None means nobody. The demo accounts lead London North.
AREA_PEOPLE = {
    "CYMRU-WALES": ("Rhian Morgan", "Gareth Lloyd"),
    "EAST-MIDLANDS": ("Sunil Mistry", "Karen Holt"),  # the deputy has left
    "EAST-OF-ENGLAND": ("Paul Denning", "Amara Eze"),
    "LONDON-SOUTH": ("Marcus Bell", None),  # the national lead deputises (too many roles)
    "MERSEY-CHESHIRE": ("Joanne Kerr", "Liam Doyle"),
    "NORTH-EAST": ("Fiona Walsh", None),  # no deputy
    "NORTH-WEST": ("Imran Qureshi", "Beth Ainsworth"),
    "SOUTH-EAST": ("Claire Finch", "Oliver Grant"),
    "SOUTH-WEST": (None, "Nia Roberts"),  # vacant
    "THAMES-CHILTERN": ("Tom Hargreaves", "Leah Cohen"),
    "WESSEX": ("David Osei", "Hannah Price"),  # the lead leaves soon, no successor
    "WEST-MIDLANDS": ("Harpreet Gill", "Simon Clarke"),
    "YORKSHIRE-HUMBERSIDE": ("Emma Sutcliffe", "James Whitaker"),
}
WALES_STRANDS = {Strand.LABOUR: ("Dafydd Evans", "Rhian Morgan"), Strand.CRIMINAL: (None, None)}


def _demo(local: str) -> User:
    user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
    if user is None:
        from msht.accounts.demo import demo_users_ensure

        demo_users_ensure()
        user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
    return user


def _person(name: str, area_code: str, role: str) -> User:
    email = f"{name.lower().replace(' ', '.')}@{PEOPLE_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_services.user_create(
            email=email,
            full_name=name,
            role=role,
            area=Area.objects.get(code=area_code),
            unit=Unit.objects.get(code="CCU"),
            handles_complex_casework=True,
        )
    return user


def _hold(actor, post, *, lead, deputy, starts_days_ago, planned_end_in=None, successor=None):
    today = dates.today()
    return services.holding_record(
        actor=actor,
        post=post,
        lead=lead,
        deputy=deputy,
        successor=successor,
        starts_on=today - timedelta(days=starts_days_ago),
        planned_end_on=today + timedelta(days=planned_end_in) if planned_end_in else None,
        note=DEMO_NOTE,
        expected_version=None,
    )


def _load_register(national_lead: User, stdout) -> None:
    if Holding.objects.filter(note=DEMO_NOTE).exists():
        stdout.write("People demo: leads and deputies already loaded")
        return
    head, prosecutor = _demo("unit-head"), _demo("prosecutor")
    adviser, international = _demo("legal-adviser"), _demo("international")
    posts = {(p.kind, p.area.code if p.area else None, p.strand): p for p in Post.objects.all()}
    with transaction.atomic():
        london = posts[(PostKind.AREA_LEAD, "LONDON-NORTH", Strand.ALL)]
        former = _person("Rachel Dunn", "LONDON-NORTH", Role.UNIT_HEAD)
        _hold(national_lead, london, lead=former, deputy=head, starts_days_ago=900)
        _hold(national_lead, london, lead=head, deputy=prosecutor, starts_days_ago=400)
        account_services.user_disable(user=former, acting_user=national_lead, reason=DEMO_NOTE)
        for code, (lead_name, deputy_name) in AREA_PEOPLE.items():
            lead = _person(lead_name, code, Role.UNIT_HEAD) if lead_name else None
            deputy = _person(deputy_name, code, Role.PROSECUTOR) if deputy_name else None
            if code == "LONDON-SOUTH":
                deputy = national_lead
            _hold(
                national_lead,
                posts[(PostKind.AREA_LEAD, code, Strand.ALL)],
                lead=lead,
                deputy=deputy,
                starts_days_ago=500,
                planned_end_in=45 if code == "WESSEX" else None,
            )
        wales = Area.objects.get(code="CYMRU-WALES")
        for strand, (lead_name, deputy_name) in WALES_STRANDS.items():
            post = Post.objects.filter(kind=PostKind.AREA_LEAD, area=wales, strand=strand).first()
            post = post or services.post_create(actor=national_lead, area=wales, strand=strand)
            if lead_name and deputy_name:
                _hold(
                    national_lead,
                    post,
                    lead=_person(lead_name, "CYMRU-WALES", Role.PROSECUTOR),
                    deputy=_person(deputy_name, "CYMRU-WALES", Role.UNIT_HEAD),
                    starts_days_ago=200,
                )
        wessex_lead = User.objects.get(email=f"david.osei@{PEOPLE_DOMAIN}")
        karen = User.objects.get(email=f"karen.holt@{PEOPLE_DOMAIN}")
        account_services.user_disable(user=karen, acting_user=national_lead, reason=DEMO_NOTE)
        national = [
            (PostKind.NATIONAL_POLICY_LEAD, national_lead, adviser, None),
            (PostKind.LEGAL_POLICY_ADVISER, adviser, national_lead, None),
            (PostKind.NATIONAL_LEAD_CCP, wessex_lead, head, 300),
            (PostKind.INTERNATIONAL_LEAD, international, national_lead, None),
        ]
        for kind, lead, deputy, end_in in national:
            _hold(
                national_lead,
                posts[(kind, None, Strand.ALL)],
                lead=lead,
                deputy=deputy,
                starts_days_ago=700,
                planned_end_in=end_in,
            )
    stdout.write("People demo: leads and deputies for every Area, with gaps")


ENQUIRIES = [
    # (asker, topic, urgency, question, days ago raised, answered after working days or None)
    (
        "prosecutor",
        "S45-DEFENCE",
        "routine",
        "When a suspect in a county lines case raises the s45 defence late, after a guilty plea "
        "was entered, what is the correct approach to an application to vacate the plea?",
        25,
        6,
    ),
    (
        "prosecutor",
        "NRM-EVIDENCE",
        "urgent",
        "Can a positive conclusive grounds decision be adduced by the defence as expert "
        "evidence that the defendant was a victim, and how should we respond?",
        9,
        None,
    ),
    (
        "paralegal",
        "SPECIAL-MEASURES",
        "routine",
        "Is a victim of labour exploitation who is an adult automatically eligible for special "
        "measures, or must we show fear or distress?",
        40,
        3,
    ),
    (
        "cps-direct",
        "CHARGING",
        "routine",
        "Where the only evidence of control is the victim's account and they have since "
        "retracted, does the Full Code Test allow a charge under s1 as an alternative to s2?",
        14,
        8,
    ),
    (
        "unit-head",
        "JURISDICTION",
        "routine",
        "For travel arranged from abroad with exploitation only in England, does s2 apply to "
        "a foreign national who arranged the travel entirely outside the UK?",
        3,
        None,
    ),
]


def _load_enquiries(stdout) -> None:
    if LegalEnquiry.objects.filter(asked_by__email__endswith=f"@{DEMO_DOMAIN}").exists():
        stdout.write("People demo: legal enquiries already loaded")
        return
    adviser = _demo("legal-adviser")
    today = dates.today()
    for local, topic, urgency, question, days_ago, answer_after in ENQUIRIES:
        with transaction.atomic():
            enquiry = services.enquiry_raise(
                actor=_demo(local),
                topic=LegalIssue.objects.get(code=topic),
                question=question,
                urgency=urgency,
            )
            raised_on = today - timedelta(days=days_ago)
            LegalEnquiry.objects.filter(pk=enquiry.pk).update(
                raised_on=raised_on,
                raised_at=timezone.now() - timedelta(days=days_ago),
                due_on=dates.add_working_days(raised_on, TARGET_WORKING_DAYS[Urgency(urgency)]),
            )
            enquiry.refresh_from_db()
            if answer_after is None:
                continue
            services.enquiry_answer(
                actor=adviser,
                enquiry=enquiry,
                answer="Yes, with care. The leading authorities and the CPS legal guidance on "
                "modern slavery set out the approach; apply it to the facts and record your "
                "reasoning on the file. Call me if the court takes a different view.",
                expected_version=enquiry.version,
            )
            answered_on = dates.add_working_days(raised_on, answer_after)
            LegalEnquiry.objects.filter(pk=enquiry.pk).update(
                answered_on=answered_on,
                turnaround_working_days=dates.working_days_between(raised_on, answered_on),
            )
    stdout.write(f"People demo: {len(ENQUIRIES)} legal enquiries")


def _load_meetings(stdout) -> None:
    if Meeting.objects.filter(notes__startswith=DEMO_NOTE).exists():
        stdout.write("People demo: governance meetings already loaded")
        return
    head, national_lead = _demo("unit-head"), _demo("national-lead")
    performance, prosecutor = _demo("performance"), _demo("prosecutor")
    london = head.area
    today = dates.today()
    sample = DipSample.objects.filter(area=london).order_by("-drawn_at").first()
    with transaction.atomic():
        review = services.meeting_record(
            actor=head,
            body=Body.AREA_PERFORMANCE_REVIEW,
            area=london,
            held_on=today - timedelta(days=100),
            attendees=[head, performance, national_lead],
            decisions=[
                "Referral to charge times for labour exploitation cases to be reviewed monthly.",
                "Every s45 consideration to be recorded on the case within 5 working days.",
            ],
            notes=f"{DEMO_NOTE}: quarterly review of modern slavery performance.",
        )
        for description, owner, due_in, done in [
            ("Report the causes of delay in the five oldest pre-charge cases.", head, -30, False),
            ("Share the quarter's figures with the police SPOCs.", performance, -60, True),
            ("Arrange MSHT awareness refresher for the Crown Court unit.", head, 20, False),
        ]:
            action = services.meeting_action_add(
                actor=head,
                meeting=review,
                description=description,
                owner=owner,
                due_on=review.held_on + timedelta(days=max(1, 100 + due_in)),
            )
            if done:
                services.meeting_action_complete(actor=owner, action=action, note="Sent.")
        group = services.meeting_record(
            actor=head,
            body=Body.CASEWORK_REVIEW_GROUP,
            area=london,
            held_on=today - timedelta(days=21),
            attendees=[head, prosecutor],
            samples=[sample] if sample else [],
            decisions=["Two live cases to be referred to the complex casework unit."],
            notes=f"{DEMO_NOTE}: casework review group, as in the Wales good practice.",
        )
        services.meeting_action_add(
            actor=head,
            meeting=group,
            description="Write up the victim engagement approach in the factory case for the hub.",
            owner=prosecutor,
            due_on=today + timedelta(days=14),
        )
        board = services.meeting_record(
            actor=national_lead,
            body=Body.NATIONAL_BOARD,
            area=None,
            held_on=today - timedelta(days=60),
            attendees=[national_lead, _demo("legal-adviser"), head],
            decisions=["Resilience gaps in the register of leads to be closed this quarter."],
            notes=f"{DEMO_NOTE}: national governance board.",
        )
        services.meeting_action_add(
            actor=national_lead,
            meeting=board,
            description="Name a successor for the Wessex lead and a deputy for the North East.",
            owner=national_lead,
            due_on=today - timedelta(days=10),
        )
    stdout.write("People demo: 3 governance meetings with actions (2 overdue)")


def load_demo_people(stdout) -> None:
    national_lead = _demo("national-lead")
    _load_register(national_lead, stdout)
    _load_enquiries(stdout)
    _load_meetings(stdout)
