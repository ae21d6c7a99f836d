"""Demo training data: the demo users' own training, and a synthetic workforce across every
Area so that compliance figures look like a real service's (some overdue, some expiring).

Idempotent: does nothing once the synthetic workforce exists. The workforce is written straight
into the tables, as `msht seed` does (docs/decisions/0103), with one audit event for the lot;
the demo users' completions go through the services like anyone's. The workforce's accounts have
no usable password and no second factor, so nobody can sign in as them.
"""

import random
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference import dates
from msht.reference.models import Area, Unit

from . import services
from .models import Completion, CompletionSource, Course

DOMAIN = "workforce.demo.msht.test"
SEED = 20_251_201
PEOPLE_PER_AREA = 24
FIRST = [
    "Aaron",
    "Abena",
    "Adam",
    "Aled",
    "Alice",
    "Amir",
    "Anita",
    "Ben",
    "Bethan",
    "Carys",
    "Chloe",
    "Dafydd",
    "Dev",
    "Ella",
    "Emeka",
    "Fatima",
    "Gareth",
    "Hannah",
    "Harry",
    "Ifeoma",
    "Imran",
    "Jack",
    "Jade",
    "Kai",
    "Kemi",
    "Laura",
    "Leon",
    "Maya",
    "Megan",
    "Mo",
    "Nia",
    "Noah",
    "Olu",
    "Owain",
    "Priti",
    "Rhys",
    "Rosa",
    "Sam",
    "Sian",
    "Tariq",
    "Una",
    "Yusuf",
    "Zara",
]
LAST = [
    "Ahmed",
    "Bailey",
    "Begum",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Green",
    "Hall",
    "Hughes",
    "Islam",
    "Jones",
    "Khan",
    "Lewis",
    "Martin",
    "Morgan",
    "Murphy",
    "Okoye",
    "Owen",
    "Patel",
    "Price",
    "Roberts",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Walker",
    "Williams",
    "Wilson",
    "Wright",
    "Young",
]
# (role, unit code, share of the workforce)
MIX = [
    (Role.PROSECUTOR, "CCU", 0.18),
    (Role.PROSECUTOR, "CROWN", 0.22),
    (Role.PROSECUTOR, "MAGS", 0.14),
    (Role.PROSECUTOR, "RASSO", 0.1),
    (Role.PARALEGAL, "CROWN", 0.16),
    (Role.PARALEGAL, "MAGS", 0.1),
    (Role.PARALEGAL, "CCU", 0.06),
    (Role.UNIT_HEAD, "CCU", 0.04),
]
# (course code, chance of ever completing it, how many months back the last completion may be)
HABITS = [("MSHT-AWARENESS", 0.86, 44), ("MSHT-MANDATORY", 0.8, 28), ("MSHT-JIT", 0.3, 30)]


def load_demo_training(stdout) -> None:
    if User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        stdout.write("Training demo already loaded")
        return
    admin = _demo_admin()
    if admin is None:
        stdout.write("Training demo skipped: the demo training administrator is not set up")
        return
    today = dates.today()
    _demo_users_training(admin, today)
    people, completions = _workforce(today)
    stdout.write(
        f"  training: {people:,} synthetic staff across every Area with {completions:,} completions"
    )


def _demo_admin() -> User | None:
    if not User.objects.filter(email="training@demo.msht.test").exists():
        from msht.accounts.demo import demo_users_ensure

        demo_users_ensure()
    return User.objects.filter(email="training@demo.msht.test", is_active=True).first()


def _demo_users_training(admin: User, today: date) -> None:
    """Priya: awareness done, the mandatory course expiring soon; Tom: awareness overdue;
    Grace: the mandatory course done; Daniel: awareness done long ago, now overdue."""
    courses = {course.code: course for course in Course.objects.all()}
    plan = [
        ("prosecutor", "MSHT-AWARENESS", today - timedelta(days=400)),
        ("prosecutor", "MSHT-MANDATORY", today - timedelta(days=690)),
        ("unit-head", "MSHT-MANDATORY", today - timedelta(days=200)),
        ("unit-head", "MSHT-JIT", today - timedelta(days=90)),
        ("cps-direct", "MSHT-AWARENESS", today - timedelta(days=1200)),
    ]
    for local, code, on in plan:
        person = User.objects.filter(email=f"{local}@demo.msht.test").first()
        course = courses.get(code)
        if person is None or course is None:
            continue
        if Completion.objects.filter(person=person, course=course).exists():
            continue
        services.completion_record(actor=admin, person=person, course=course, completed_on=on)
    User.objects.filter(email="prosecutor@demo.msht.test").update(handles_complex_casework=True)
    # Tom (paralegal) joined long ago and has never taken the awareness course: overdue.
    User.objects.filter(email="paralegal@demo.msht.test").update(
        date_joined=timezone.now() - timedelta(days=700)
    )


def _workforce(today: date) -> tuple[int, int]:
    rng = random.Random(SEED)
    areas = list(Area.objects.enabled().filter(kind=Area.Kind.AREA).order_by("order", "name"))
    units = {unit.code: unit for unit in Unit.objects.all()}
    courses = {course.code: course for course in Course.objects.all()}
    password = make_password(None)  # unusable: nobody signs in as the synthetic workforce
    people = []
    number = 0
    for area in areas:
        for _ in range(PEOPLE_PER_AREA):
            number += 1
            role, unit_code, _share = rng.choices(MIX, weights=[m[2] for m in MIX])[0]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            days_ago = rng.choice([20, 45, 70]) if rng.random() < 0.08 else rng.randint(120, 3000)
            joined = today - timedelta(days=days_ago)
            people.append(
                User(
                    email=f"{first}.{last}.{number}@{DOMAIN}".lower(),
                    full_name=f"{first} {last}",
                    role=role,
                    area=area,
                    unit=units[unit_code],
                    handles_complex_casework=unit_code == "CCU" or rng.random() < 0.1,
                    password=password,
                    date_joined=timezone.make_aware(
                        datetime(joined.year, joined.month, joined.day, 9)
                    ),
                )
            )
    with transaction.atomic():
        User.objects.bulk_create(people, batch_size=500)
        created = list(User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk"))
        rows = []
        for person in created:
            joined = timezone.localtime(person.date_joined).date()
            for code, chance, months_back in HABITS:
                course = courses.get(code)
                if course is None or rng.random() > chance:
                    continue
                earliest = max(joined, today - timedelta(days=months_back * 30))
                span = (today - earliest).days
                if span <= 0:
                    continue
                on = earliest + timedelta(days=rng.randint(0, span))
                rows.append(
                    Completion(
                        person=person,
                        course=course,
                        completed_on=on,
                        source=CompletionSource.IMPORTED,
                        reference=f"DEMO-{person.pk}-{code}",
                    )
                )
        Completion.objects.bulk_create(rows, batch_size=1000)
        audit_record(
            actor=None,
            operation=Operation.COLLECTION,
            object_type="training_demo",
            reason="Demo data: synthetic workforce and training completions",
            detail={"people": len(created), "completions": len(rows)},
        )
    return len(created), len(rows)
