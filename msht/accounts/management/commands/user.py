from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from msht.accounts import services
from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.reference.models import Area, PoliceForce, Unit


class Command(BaseCommand):
    help = "Create, list, disable or enable accounts."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create",
            help="create an account (asks for no password: "
            "the user sets one through the reset process)",
        )
        create.add_argument("email")
        create.add_argument("--name", required=True)
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--area", help="Area code, e.g. LONDON-NORTH")
        create.add_argument("--unit", help="Unit code, e.g. CCU")
        create.add_argument("--force", help="Police force code, e.g. 01")
        create.add_argument("--password", help="initial password")
        sub.add_parser("list", help="list accounts")
        for name in ("disable", "enable"):
            p = sub.add_parser(name, help=f"{name} an account")
            p.add_argument("email")
            p.add_argument("--reason", required=True)

    def handle(self, *args, action: str, **o) -> None:
        if action == "list":
            for u in User.objects.select_related("area").order_by("email"):
                state = "active" if u.is_active else "disabled"
                self.stdout.write(f"{u.email:<40} {u.role:<20} {u.area or '':<25} {state}")
            return
        if action == "create":
            try:
                services.user_create(
                    email=o["email"],
                    full_name=o["name"],
                    role=o["role"],
                    password=o.get("password"),
                    area=Area.objects.get(code=o["area"]) if o.get("area") else None,
                    unit=Unit.objects.get(code=o["unit"]) if o.get("unit") else None,
                    police_force=PoliceForce.objects.get(code=o["force"])
                    if o.get("force")
                    else None,
                )
            except (
                ValidationError,
                Area.DoesNotExist,
                Unit.DoesNotExist,
                PoliceForce.DoesNotExist,
            ) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Created {o['email']}")
            return
        user = User.objects.filter(email__iexact=o["email"]).first()
        if user is None:
            raise CommandError(f"No account for {o['email']}")
        if action == "disable":
            services.user_disable(user=user, acting_user=None, reason=o["reason"])
        else:
            services.user_enable(user=user, acting_user=None, reason=o["reason"])
        self.stdout.write(f"{o['email']} {action}d")
