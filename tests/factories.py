"""factory_boy factories for the foundation; each feature adds its own next to its tests."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.accounts.models import User
from msht.accounts.roles import AREA_ROLES, Role
from msht.reference.models import Area, PoliceForce, Unit


def area(code: str = "LONDON-NORTH") -> Area:
    return Area.objects.get(code=code)


def unit(code: str = "CCU") -> Unit:
    return Unit.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.PROSECUTOR
    area = factory.LazyAttribute(lambda o: area() if o.role in AREA_ROLES else None)
    unit = factory.LazyAttribute(lambda o: unit() if o.role in AREA_ROLES else None)
    police_force = factory.LazyAttribute(
        lambda o: PoliceForce.objects.get(code="01") if o.role == Role.POLICE_PARTNER else None
    )
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def authenticator(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            TOTPDevice.objects.create(user=obj, name="authenticator", confirmed=True)
