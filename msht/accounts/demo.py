"""Demo accounts: one per role, with a known password, authenticator key and backup codes."""

from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.reference.models import Area, PoliceForce, Unit

from . import services
from .models import User
from .roles import Role

DEMO_PASSWORD = "demo-Password-2026"  # noqa: S105 - printed for the demo, never in production
DEMO_DOMAIN = "demo.msht.test"
DEMO_REFUSED = (
    "The demo refuses to run under production settings: it creates accounts with a published "
    "password and predictable second-factor keys. Use the development settings "
    "(DJANGO_SETTINGS_MODULE=msht.settings.dev) on a database of its own."
)


class DemoRefusedError(RuntimeError):
    """Raised when demo accounts would be created where they are not allowed."""


def demo_accounts_allowed() -> bool:
    """Only the development and test settings allow accounts with known credentials."""
    return bool(getattr(settings, "DEMO_ACCOUNTS_ALLOWED", False))


def demo_accounts_require_allowed() -> None:
    if not demo_accounts_allowed():
        raise DemoRefusedError(DEMO_REFUSED)


@dataclass(frozen=True)
class DemoUser:
    local: str
    full_name: str
    role: str
    area: str | None = None
    unit: str | None = None
    force: str | None = None

    @property
    def email(self) -> str:
        return f"{self.local}@{DEMO_DOMAIN}"


DEMO_USERS = [
    DemoUser("prosecutor", "Priya Shah", Role.PROSECUTOR, "LONDON-NORTH", "CCU"),
    DemoUser("paralegal", "Tom Evans", Role.PARALEGAL, "LONDON-NORTH", "CCU"),
    DemoUser("unit-head", "Grace Okafor", Role.UNIT_HEAD, "LONDON-NORTH", "CCU"),
    DemoUser("cps-direct", "Daniel Hughes", Role.CPS_DIRECT, "CPS-DIRECT", "CPSD"),
    DemoUser("performance", "Aisha Rahman", Role.PERFORMANCE_MANAGER, "LONDON-NORTH"),
    DemoUser("national-lead", "Helen Carter", Role.NATIONAL_LEAD),
    DemoUser("reviewer", "Mark Lewis", Role.QUALITY_REVIEWER),
    DemoUser("hub-editor", "Sara Novak", Role.HUB_EDITOR),
    DemoUser("training", "Owen Price", Role.TRAINING_ADMIN),
    DemoUser("international", "Lucia Romero", Role.INTERNATIONAL),
    DemoUser("police", "DS Ben Clarke", Role.POLICE_PARTNER, force="01"),
    DemoUser("scrutiny", "Ruth Adams", Role.SCRUTINY),
    DemoUser("admin", "Sam Patel", Role.SYSTEM_ADMIN),
    DemoUser("legal-adviser", "Nadia Malik", Role.LEGAL_ADVISER),
    DemoUser("data-protection", "Chris Doyle", Role.DATA_PROTECTION),
]


def demo_totp_key(demo: DemoUser) -> str:
    """A fixed 20-byte key per demo user, so an authenticator app set up once keeps working."""
    return (demo.local.encode().hex() + "0" * 40)[:40]


@dataclass
class DemoCredentials:
    email: str
    role: str
    password: str
    totp_secret: str
    backup_codes: list[str]


def demo_users_ensure() -> list[DemoCredentials]:
    demo_accounts_require_allowed()  # every caller, not only `msht demo`, is refused in production
    credentials = []
    for demo in DEMO_USERS:
        with transaction.atomic():
            user = User.objects.filter(email=demo.email).first()
            if user is None:
                user = services.user_create(
                    email=demo.email,
                    full_name=demo.full_name,
                    role=demo.role,
                    password=DEMO_PASSWORD,
                    area=Area.objects.get(code=demo.area) if demo.area else None,
                    unit=Unit.objects.get(code=demo.unit) if demo.unit else None,
                    police_force=PoliceForce.objects.get(code=demo.force) if demo.force else None,
                )
            key = demo_totp_key(demo)
            TOTPDevice.objects.update_or_create(
                user=user,
                name=services.TOTP_DEVICE_NAME,
                defaults={"key": key, "confirmed": True},
            )
            codes = services.backup_codes_generate(user=user)
        credentials.append(
            DemoCredentials(
                demo.email,
                Role(demo.role).label,
                DEMO_PASSWORD,
                b32encode(bytes.fromhex(key)).decode(),
                codes,
            )
        )
    return credentials
